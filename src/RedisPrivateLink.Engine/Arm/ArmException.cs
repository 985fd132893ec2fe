using System;
using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>An ARM call or long-running operation that failed, with everything needed to act on it or report it to Azure support.</summary>
public sealed class ArmException : Exception
{
    public ArmException(int status, ArmError? error, string method, string path, string? correlationId, string? requestId, Exception? innerException = null)
        : base(Describe(status, error, method, path, correlationId), innerException)
    {
        Status = status;
        Code = error?.Code;
        ArmMessage = error?.Message;
        Target = error?.Target;
        Details = error?.Details is { } details ? new List<ArmError>(details) : new List<ArmError>();
        Method = method;
        Path = path;
        CorrelationId = correlationId;
        RequestId = requestId;
        MissingPermission = AuthorizationFailure.MissingPermission(error?.Code, error?.Message);
    }

    /// <summary>The HTTP status; for a failed long-running operation, the status of the response that reported the failure.</summary>
    public int Status { get; }

    /// <summary>The ARM error code, e.g. ResourceGroupNotFound.</summary>
    public string? Code { get; }

    /// <summary>The message ARM sent, without the request summary <see cref="Exception.Message"/> adds.</summary>
    public string? ArmMessage { get; }

    public string? Target { get; }

    public IReadOnlyList<ArmError> Details { get; }

    public string Method { get; }

    /// <summary>The request path and api-version (never the rest of the query).</summary>
    public string Path { get; }

    /// <summary>x-ms-correlation-request-id, what Azure support asks for.</summary>
    public string? CorrelationId { get; }

    public string? RequestId { get; }

    /// <summary>For ARM's 403 AuthorizationFailed or LinkedAuthorizationFailed, the action and scope it names; else null.</summary>
    public ArmPermission? MissingPermission { get; }

    private static string Describe(int status, ArmError? error, string method, string path, string? correlationId)
    {
        var code = string.IsNullOrEmpty(error?.Code) ? $"HTTP{status}" : error!.Code;
        var message = string.IsNullOrEmpty(error?.Message) ? "The request failed." : error!.Message!.Trim();
        if (AuthorizationFailure.MissingPermission(error?.Code, error?.Message) is { } missing)
        {
            message = $"The credential may not perform '{missing.Action}' on '{missing.Scope}': ask an owner of that scope for a role that grants it " +
                      $"(the built-in role '{BuiltInRoles.NarrowestGranting(missing.Action)}' does), then run the command again. ARM: {message}";
        }

        var correlation = correlationId is null ? string.Empty : $", correlation {correlationId}";
        return $"{code}: {message} ({method} {path}, {status}{correlation})";
    }
}

using System;
using System.Management.Automation;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Runtime;

/// <summary>
/// Turns what the engine throws into error records with specific ids and categories. Names only engine types: Azure.*
/// live in the module's private load context, out of this assembly's reach (the engine wraps their exceptions).
/// </summary>
internal static class EngineErrors
{
    public static ErrorRecord ToErrorRecord(Exception error, object? target) => error switch
    {
        RedisPrivateLinkException ex => new ErrorRecord(ex, ex.ErrorId, ToCategory(ex.Category), target),
        ArmException ex => new ErrorRecord(ex, string.IsNullOrEmpty(ex.Code) ? "ArmRequestFailed" : ex.Code, CategoryOf(ex.Status), target),
        _ => new ErrorRecord(error, "UnexpectedError", ErrorCategory.NotSpecified, target),
    };

    private static ErrorCategory CategoryOf(int status) => status switch
    {
        400 => ErrorCategory.InvalidArgument,
        401 => ErrorCategory.AuthenticationError,
        403 => ErrorCategory.PermissionDenied,
        404 => ErrorCategory.ObjectNotFound,
        409 => ErrorCategory.ResourceExists,
        429 => ErrorCategory.LimitsExceeded,
        _ when status >= 500 => ErrorCategory.ConnectionError,
        _ => ErrorCategory.NotSpecified,
    };

    private static ErrorCategory ToCategory(RedisPrivateLinkErrorCategory category) =>
        Enum.TryParse<ErrorCategory>(category.ToString(), out var mapped) ? mapped : ErrorCategory.NotSpecified;
}

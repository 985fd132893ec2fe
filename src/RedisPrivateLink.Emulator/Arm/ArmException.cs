using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>An ARM error answer, thrown where the problem is found and written by the pipeline in ARM's error shape.</summary>
internal sealed class ArmException(int status, string code, string message, string? target = null) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string? Target { get; } = target;

    public int? RetryAfterSeconds { get; init; }

    /// <summary>error.details, which ARM sends for some errors (MissingSubscriptionRegistration names its namespace there).</summary>
    public IReadOnlyList<ArmErrorDetail> Details { get; init; } = [];

    /// <summary>x-ms-failure-cause: "gateway" when ARM's front door refused the request rather than the resource provider.</summary>
    public string? FailureCause { get; init; }

    public ArmResult ToResult()
    {
        var body = ErrorBody(Code, Message, Target);
        if (Details.Count > 0)
        {
            body["error"]!["details"] = new JsonArray(Details.Select(d => (JsonNode)new JsonObject
            {
                ["code"] = d.Code,
                ["target"] = d.Target,
                ["message"] = d.Message,
            }).ToArray());
        }

        var result = new ArmResult(Status, body);
        if (RetryAfterSeconds is { } seconds)
        {
            result.Headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (FailureCause is not null)
        {
            result.Headers["x-ms-failure-cause"] = FailureCause;
        }

        return result;
    }

    /// <summary>{"error":{"code","message"[,"target"]}}: ARM omits target when it has none.</summary>
    public static JsonObject ErrorBody(string code, string message, string? target = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (target is not null)
        {
            error["target"] = target;
        }

        return new JsonObject { ["error"] = error };
    }
}

/// <summary>One entry of error.details.</summary>
internal sealed record ArmErrorDetail(string Code, string Target, string Message);

/// <summary>The errors ARM itself raises, worded as ARM words them.</summary>
internal static class ArmErrors
{
    public static ArmException MissingApiVersion() => new(400, "MissingApiVersionParameter",
        "The api-version query parameter (?api-version=) is required for all requests.");

    public static ArmException InvalidApiVersion(string apiVersion, IEnumerable<string> supported) => new(400,
        "InvalidApiVersionParameter",
        $"The api-version '{apiVersion}' is invalid. The supported versions are '{string.Join(",", supported.Order().Reverse())}'.");

    public static ArmException NoRegisteredProvider(string location, string apiVersion, string typeName,
        IEnumerable<string> supported) => new(400, "NoRegisteredProviderFound",
        $"No registered resource provider found for location '{location}' and API version '{apiVersion}' for type " +
        $"'{typeName}'. The supported api-versions are '{string.Join(", ", supported.Order().Reverse())}'. " +
        $"The supported locations are '{string.Join(", ", Providers.Regions.Names)}'.");

    public static ArmException SubscriptionNotFound(string subscriptionId) => new(404, "SubscriptionNotFound",
        $"The subscription '{subscriptionId}' could not be found.");

    public static ArmException ResourceGroupNotFound(string name) => new(404, "ResourceGroupNotFound",
        $"Resource group '{name}' could not be found.");

    public static ArmException ResourceNotFound(string typeAndName, string resourceGroup) => new(404, "ResourceNotFound",
        $"The Resource '{typeAndName}' under resource group '{resourceGroup}' was not found. " +
        "For more details please go to https://aka.ms/ARMResourceNotFoundFix");

    public static ArmException ParentResourceNotFound(string parentName) => new(404, "ParentResourceNotFound",
        $"Can not perform requested operation on nested resource. Parent resource '{parentName}' not found.");

    public static ArmException InvalidResourceType(string type, string providerNamespace, string apiVersion) => new(400,
        "InvalidResourceType",
        $"The resource type '{type}' could not be found in the namespace '{providerNamespace}' for api version '{apiVersion}'.");

    public static ArmException NoRoute(string method, string path) => new(404, "NotFound",
        $"No HTTP resource was found that matches the request URI '{path}' for method '{method}'.");

    public static ArmException MethodNotAllowed(string method) => new(405, "MethodNotAllowed",
        $"The requested resource does not support http method '{method}'.");

    public static ArmException InvalidRequestContent(string detail) => new(400, "InvalidRequestContent",
        $"The request content was invalid and could not be deserialized: '{detail}'.");

    public static ArmException LocationRequired() => new(400, "LocationRequired",
        "The location property is required for this definition.");

    public static ArmException ResourceGroupBeingDeleted(string name) => new(409, "ResourceGroupBeingDeleted",
        $"The resource group '{name}' is in deprovisioning state and cannot perform this operation.");

    public static ArmException AnotherOperationInProgress(string name) => new(409, "RetryableErrorDueToAnotherOperation",
        $"Operation on '{name}' is not allowed because another operation is in progress on it. Retry the request later.");
}

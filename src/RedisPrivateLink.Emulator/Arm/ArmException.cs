using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>An ARM error answer, thrown where the problem is found and written by the pipeline in ARM's error shape.</summary>
internal sealed class ArmException(int status, string code, string message, string? target = null) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string? Target { get; } = target;

    public int? RetryAfterSeconds { get; init; }

    /// <summary>
    /// error.details, written only when set: Network's busy answers carry it (empty or with the busy operation), and
    /// MissingSubscriptionRegistration names its namespace there.
    /// </summary>
    public JsonArray? Details { get; init; }

    /// <summary>error.additionalInfo, written only when set: a policy's refusal names its assignment and definition there.</summary>
    public JsonArray? AdditionalInfo { get; init; }

    /// <summary>x-ms-failure-cause: "gateway" when ARM's front door refused the request rather than the resource provider.</summary>
    public string? FailureCause { get; init; }

    public ArmResult ToResult()
    {
        var body = ErrorBody(Code, Message, Target);
        if (Details is not null)
        {
            body["error"]!["details"] = Details.DeepClone();
        }

        if (AdditionalInfo is not null)
        {
            body["error"]!["additionalInfo"] = AdditionalInfo.DeepClone();
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

    /// <summary>
    /// Microsoft.Network refusing a write to a resource with an operation running, as quoted in microsoft/AzureTRE#3193
    /// (a DNS zone group DELETE) and pulumi/pulumi-azure-native#1024 (a subnet PUT): 409, empty details.
    /// </summary>
    public static ArmException AnotherOperationInProgress(string operationStatusUrl) => new(409, "AnotherOperationInProgress",
        $"Another operation on this or dependent resource is in progress. To retrieve status of the operation use uri: {operationStatusUrl}.")
    {
        Details = new JsonArray(),
    };

    /// <summary>
    /// Microsoft.Network's other busy answer, 429 with the busy operation as the only detail, as quoted in
    /// pulumi/pulumi-azure-native#3720 and cloudfoundry/bosh-azure-cpi-release#179 ("The call can be retried in 14 seconds.").
    /// </summary>
    public static ArmException RetryableErrorDueToAnotherOperation(string operationName, string operationId, string busyResourceId, int retryAfterSeconds) =>
        new(429, "RetryableError", "A retryable error occurred.")
        {
            Details = new JsonArray(new JsonObject
            {
                ["code"] = "RetryableErrorDueToAnotherOperation",
                ["message"] = $"Operation {operationName} ({operationId}) is updating resource {busyResourceId}. The call can be retried in {retryAfterSeconds} seconds.",
            }),
        };

    /// <summary>
    /// Microsoft.Cache refusing a write to a cache with an operation running: the generic 409 Conflict with this message
    /// (Azure/bicep#11465, Azure/bicep-types-az#1760; Azure/azure-service-operator#2008 retries on it). No source shows
    /// Managed Redis's answer; being the same provider, it answers the same here.
    /// </summary>
    public static ArmException CacheBusy(string resourceId) => new(409, "Conflict",
        $"The resource '{resourceId}' is busy processing a previous update request or is undergoing system maintenance. " +
        "As such, it is currently unable to accept the update request. Please try again later.");
}

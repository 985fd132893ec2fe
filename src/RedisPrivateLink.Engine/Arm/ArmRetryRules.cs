using System;
using System.Globalization;
using System.Text.Json;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// The one place that says which ARM answers mean "the same request may succeed later". <see cref="ArmRetryPolicy"/>
/// applies it to each answer and <see cref="ArmGateway"/> to the outcome of long-running operations. Errors are matched
/// by code (and for Redis's generic <c>Conflict</c> by its message too), never by status alone: most 409s are final.
/// </summary>
internal static class ArmRetryRules
{
    /// <summary>Network's busy code on a 409: "Another operation on this or dependent resource is in progress" (microsoft/AzureTRE#3193, pulumi/pulumi-azure-native#1024).</summary>
    internal const string AnotherOperationInProgress = "AnotherOperationInProgress";

    /// <summary>
    /// The code of a Network operation that ended Failed but may succeed when sent again; its detail says why, e.g.
    /// ReferencedResourceNotProvisioned for an endpoint whose subnet is still Updating after a PutSubnetOperation
    /// (hashicorp/terraform-provider-azurerm#21293, #30197).
    /// </summary>
    internal const string RetryableError = "RetryableError";

    /// <summary>
    /// Redis answers a write while another runs with the generic 409 <c>Conflict</c> and this message: "The resource '…'
    /// is busy processing a previous update request or is undergoing system maintenance. As such, it is currently unable
    /// to accept the update request. Please try again later." (Azure/bicep#11465; Azure/azure-service-operator#2008 retries it).
    /// Other Conflicts (a DNS link that overlaps, a zone with links) are final, hence the message.
    /// </summary>
    private const string RedisBusyMessage = "is busy processing a previous update request";

    private const string Conflict = "Conflict";

    /// <summary>Statuses that say nothing was done for good: timeouts, throttling and server or gateway failures.</summary>
    public static bool IsTransientStatus(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;

    /// <summary>
    /// The resource is busy with another operation: ARM refused this request without starting it, so it may be sent
    /// again, also when it is a POST action. Network's other busy answer, 429 <c>RetryableError</c> with the detail
    /// RetryableErrorDueToAnotherOperation ("Operation PutSubnetOperation (…) is updating resource …/virtualNetworks/….
    /// The call can be retried in 14 seconds.", pulumi/pulumi-azure-native#3720), needs no rule of its own: every 429 is
    /// a refusal and retried.
    /// </summary>
    public static bool IsBusy(int status, ArmError? error)
    {
        if (error is null)
        {
            return false;
        }

        return status == 409
            && (Is(error.Code, AnotherOperationInProgress)
                || (Is(error.Code, Conflict) && error.Message?.IndexOf(RedisBusyMessage, StringComparison.OrdinalIgnoreCase) >= 0));
    }

    public static bool IsBusy(ArmException exception) =>
        IsBusy(exception.Status, new ArmError { Code = exception.Code, Message = exception.ArmMessage });

    /// <summary>The error body of an answer, or null when it is not ARM's error shape (a proxy's page, an empty body).</summary>
    public static ArmError? ErrorOf(string content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            return ArmJson.Deserialize<ArmErrorResponse>(content)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The wait a Retry-After header asks for: whole seconds, or an HTTP date (zero once it has passed); null when the
    /// header is absent or neither. The retry policy and the operation poller both read it here.
    /// </summary>
    public static TimeSpan? RetryAfter(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? when > DateTimeOffset.UtcNow ? when - DateTimeOffset.UtcNow : TimeSpan.Zero
            : null;
    }

    /// <summary>A long-running operation that ended Failed with a code saying the same write may succeed when sent again.</summary>
    public static bool IsRetryableOperationFailure(ArmException exception) => Is(exception.Code, RetryableError);

    private static bool Is(string? code, string expected) => string.Equals(code, expected, StringComparison.OrdinalIgnoreCase);
}

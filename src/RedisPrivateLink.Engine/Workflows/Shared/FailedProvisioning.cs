using System;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// A resource whose last write ended Failed (or Canceled) is not a resource to reuse: Azure keeps it, but in a state that
/// nothing can rely on. The steps send such a resource its definition again, which is how ARM recovers it, and say so.
/// </summary>
internal static class FailedProvisioning
{
    /// <summary>True for a provisioning state that says the last write did not complete.</summary>
    public static bool IsFailed(string? provisioningState) =>
        string.Equals(provisioningState, "Failed", StringComparison.OrdinalIgnoreCase)
        || string.Equals(provisioningState, "Canceled", StringComparison.OrdinalIgnoreCase);

    /// <summary>The provisioning state when it says the last write did not complete, for a step's description; else null.</summary>
    public static string? StateIfFailed(string? provisioningState) => IsFailed(provisioningState) ? provisioningState : null;

    /// <summary>The step message for a resource sent again: "was Failed; sent again", with any detail after it.</summary>
    public static string Resent(string? provisioningState, string? detail = null)
    {
        var message = $"was {provisioningState ?? "Failed"}; sent again";
        return string.IsNullOrEmpty(detail) ? message : message + "; " + detail;
    }
}

using System;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// ARM's terminal states of a long-running operation, as its provisioningState or its Azure-AsyncOperation status
/// reports them (Succeeded, Failed, Canceled; any casing); any other state is still running.
/// </summary>
internal static class ArmOperationStates
{
    public static bool IsSuccess(string? state) => string.Equals(state, "Succeeded", StringComparison.OrdinalIgnoreCase);

    public static bool IsFailure(string? state) =>
        string.Equals(state, "Failed", StringComparison.OrdinalIgnoreCase) || string.Equals(state, "Canceled", StringComparison.OrdinalIgnoreCase);

    /// <summary>Terminal, or absent: a resource without provisioningState is as done as it gets.</summary>
    public static bool IsTerminal(string? state) => state is null || IsSuccess(state) || IsFailure(state);
}

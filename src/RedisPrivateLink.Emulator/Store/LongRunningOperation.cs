using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Store;

internal enum OperationKind
{
    Create,
    Update,
    Delete,

    /// <summary>A POST action (cache export or import): it changes no resource, only what it reads or writes.</summary>
    Action,
}

internal enum OperationStatus
{
    InProgress,
    Succeeded,
    Failed,
}

/// <summary>
/// A write that ARM finishes later. Its outcome is decided up front (duration, failure) and applied by the clock when
/// anyone next looks, so no background thread is needed and a manual clock drives it in tests.
/// </summary>
internal sealed class LongRunningOperation
{
    public required string Id { get; init; }

    public required OperationKind Kind { get; init; }

    public required string ResourceId { get; init; }

    public required string SubscriptionId { get; init; }

    /// <summary>As the polling URL spells it: "East US" for Redis, "eastus" for network, the resource group for DNS.</summary>
    public required string Scope { get; init; }

    /// <summary>When the write was accepted (Managed Redis polls report it); absent in state files written before it existed.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public required DateTimeOffset CompletesAt { get; init; }

    public bool Fails { get; init; }

    /// <summary>Why it fails, when the provider knows (an import of a file that does not exist); else the injected fault's error.</summary>
    public JsonObject? Error { get; init; }

    /// <summary>
    /// A Managed Redis cluster create that failed to allocate after Azure accepted it (the allocationFailed fault): the
    /// cluster is left in resourceState CreateFailed, and with no <see cref="Error"/> its poll reports none.
    /// </summary>
    public bool FailsAllocation { get; init; }

    /// <summary>The blob an export writes, which exists once the export has succeeded.</summary>
    public string? WritesBlob { get; init; }

    /// <summary>The cache data an export writes into its blob, or an import loads into its cache.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>An import: once it succeeds, its cache holds <see cref="Fingerprint"/>.</summary>
    public bool ImportsData { get; init; }

    public OperationStatus Status { get; set; } = OperationStatus.InProgress;

    /// <summary>The error body of a failed operation.</summary>
    public JsonObject FailureError => (JsonObject?)Error?.DeepClone() ?? new JsonObject
    {
        ["code"] = "InternalServerError",
        ["message"] = "The operation failed (fault injected by the ARM emulator).",
    };
}

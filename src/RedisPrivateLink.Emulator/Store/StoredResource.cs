using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Store;

/// <summary>One ARM resource (resource groups included) as the emulator keeps it.</summary>
internal sealed class StoredResource
{
    /// <summary>The canonical id: names cased as first PUT, types cased as ARM returns them.</summary>
    public required string Id { get; init; }

    /// <summary>The catalog key of its type, e.g. Microsoft.Network/virtualNetworks/subnets.</summary>
    public required string TypeKey { get; init; }

    /// <summary>Orders lists as creation order, stable across pages.</summary>
    public required long Sequence { get; init; }

    /// <summary>The body as GET answers it, before the provider's rendering.</summary>
    public required JsonObject Body { get; set; }

    /// <summary>Values that are answered only by actions (access keys); never part of Body, never logged.</summary>
    public JsonObject? Secrets { get; set; }

    /// <summary>The body that replaces Body when the running operation succeeds (providers that show old values meanwhile).</summary>
    public JsonObject? PendingBody { get; set; }

    public string? OperationId { get; set; }

    /// <summary>
    /// Stands for a cache's data (set through the control plane), so that tests can prove an export and import moved it.
    /// Not part of the ARM body.
    /// </summary>
    public string? DataFingerprint { get; set; }

    /// <summary>
    /// How the cache's last export or import reached storage ("SAS" or "ManagedIdentity", its
    /// preferred-data-archive-auth-method), so tests can see what a client asked for. Not part of the ARM body.
    /// </summary>
    public string? DataArchiveAuthMethod { get; set; }

    public string Name => (string)Body["name"]!;

    public string ProvisioningState
    {
        get => Body["properties"]?["provisioningState"]?.GetValue<string>() ?? "Succeeded";
        set => Arm.JsonMerge.Properties(Body)["provisioningState"] = value;
    }
}

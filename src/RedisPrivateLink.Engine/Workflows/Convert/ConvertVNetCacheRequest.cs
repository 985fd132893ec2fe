namespace RedisPrivateLink.Engine.Workflows;

/// <summary>What Convert-VNetCacheToPrivateEndpoint asks for: which VNet-injected cache moves, how, and where its private endpoint goes.</summary>
public sealed class ConvertVNetCacheRequest
{
    /// <summary>The <see cref="TargetSku"/> that picks Microsoft's mapping of the source's size.</summary>
    public const string SuggestedTargetSku = "Suggested";

    /// <summary>The full ARM id of the VNet-injected cache.</summary>
    public string SourceCacheId { get; set; } = string.Empty;

    /// <summary>Side by side: the target gets this name and the source keeps running until the target is verified.</summary>
    public string? NewName { get; set; }

    /// <summary>Export, delete, and recreate under the same name, so clients keep their host name (with downtime).</summary>
    public bool ReuseName { get; set; }

    /// <summary>An existing subnet for the private endpoint.</summary>
    public string? SubnetId { get; set; }

    /// <summary>A subnet in the injected subnet's virtual network, created with <see cref="SubnetPrefix"/> when missing.</summary>
    public string? SubnetName { get; set; }

    public string? SubnetPrefix { get; set; }

    /// <summary>
    /// Private endpoint network policies for a subnet the plan creates (Disabled, Enabled, NetworkSecurityGroupEnabled,
    /// RouteTableEnabled); null sends none, so Azure's default applies. An existing subnet's are never changed.
    /// </summary>
    public string? PrivateEndpointNetworkPolicy { get; set; }

    /// <summary>
    /// The resolution policy (Default or NxDomainRedirect) of a zone link the plan creates; null sends none, so Azure's
    /// Default applies. An existing link is never changed.
    /// </summary>
    public string? ResolutionPolicy { get; set; }

    /// <summary>
    /// "None" or "ExportImport" (Premium export and import through <see cref="StorageContainerUri"/>). Null (not given)
    /// is refused with <see cref="WorkflowErrorIds.DataMigrationRequired"/> unless <see cref="KeepSource"/>, which
    /// deletes nothing and so moves no data: the source, the only copy of the data, is deleted only on an explicit choice.
    /// </summary>
    public string? DataMigration { get; set; }

    /// <summary>The SAS URI of a blob container. A secret: it never appears in messages, notices or step descriptions.</summary>
    public string? StorageContainerUri { get; set; }

    /// <summary>
    /// How the caches reach the container: "SAS" (null: the SAS of <see cref="StorageContainerUri"/>) or
    /// "ManagedIdentity" (their managed identities, for a storage account whose firewall denies public access; the URI
    /// then needs no SAS).
    /// </summary>
    public string? StorageAuthentication { get; set; }

    /// <summary>Leave the source cache in place once the target is verified.</summary>
    public bool KeepSource { get; set; }

    public string? PrivateEndpointName { get; set; }

    public string? PrivateDnsZoneResourceGroupName { get; set; }

    public string? PrivateDnsZoneId { get; set; }

    /// <summary>
    /// An Azure Managed Redis SKU (Balanced_B5...) or "Suggested" (Microsoft's mapping of the source's size): the target
    /// becomes a Managed Redis cache. Null keeps the target on Azure Cache for Redis with the source's SKU.
    /// </summary>
    public string? TargetSku { get; set; }

    /// <summary>With <see cref="TargetSku"/>: the Managed Redis database accepts access keys besides Microsoft Entra ID.</summary>
    public bool EnableAccessKeysAuthentication { get; set; }
}

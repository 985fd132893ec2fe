namespace RedisPrivateLink.Engine.Workflows;

/// <summary>The error ids of Convert-VNetCacheToPrivateEndpoint -TargetSku and its target kinds (the others are in <see cref="WorkflowErrorIds"/>).</summary>
public static class ConvertErrorIds
{
    /// <summary>-TargetSku names an Azure Cache for Redis SKU or size; the target of -TargetSku is always Azure Managed Redis.</summary>
    public const string TargetSkuIsClassic = nameof(TargetSkuIsClassic);

    /// <summary>-ReuseName with -TargetSku: a Managed Redis cache has another host name anyway, so nothing is kept by deleting first.</summary>
    public const string ReuseNameWithTargetSku = nameof(ReuseNameWithTargetSku);

    /// <summary>-EnableAccessKeysAuthentication without -TargetSku: a classic target keeps access keys as the source has them.</summary>
    public const string AccessKeysWithoutTargetSku = nameof(AccessKeysWithoutTargetSku);

    /// <summary>
    /// An earlier run of the same side-by-side migration made a target of the other kind (Managed Redis with
    /// -TargetSku, classic without): this run would start a second migration beside it.
    /// </summary>
    public const string MigrationTargetKindMismatch = nameof(MigrationTargetKindMismatch);

    /// <summary>
    /// -StorageAuthentication ManagedIdentity with -TargetSku: the Managed Redis database import this module sends takes
    /// SAS URIs (sasUris) only.
    /// </summary>
    public const string ManagedIdentityStorageWithTargetSku = nameof(ManagedIdentityStorageWithTargetSku);
}

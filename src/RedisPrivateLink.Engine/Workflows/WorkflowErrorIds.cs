namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// The error ids the workflows raise on top of <see cref="Validation.ValidationErrorIds"/>; every one of them is raised
/// before the first ARM write, except those Azure's own answer to a write decides (ClassicCacheCreationBlocked,
/// VirtualNetworkLinkedToOtherZone, CacheNameNotAvailable for Managed Redis, CacheProvisioningFailed,
/// ManagedRedisCapacityUnavailable, ManagedRedisCreateFailed when a create fails (a re-run raises it before any write),
/// MigrationExportFailed, MigrationImportFailed, MigrationImportUnconfirmed when an import's answer is lost (a re-run
/// raises it before any write)).
/// </summary>
public static class WorkflowErrorIds
{
    public const string NetworkNotSpecified = nameof(NetworkNotSpecified);
    public const string ConflictingNetworkParameters = nameof(ConflictingNetworkParameters);
    public const string AddressPrefixRequired = nameof(AddressPrefixRequired);
    public const string SubnetPrefixRequired = nameof(SubnetPrefixRequired);
    public const string SubnetNotFound = nameof(SubnetNotFound);

    /// <summary>
    /// An id names a subscription that ARM does not know for this credential (another tenant's, a typo, or one where the
    /// credential holds no role), found before any write.
    /// </summary>
    public const string SubscriptionNotFound = nameof(SubscriptionNotFound);
    public const string InvalidPublicNetworkAccess = nameof(InvalidPublicNetworkAccess);
    public const string CacheNameNotAvailable = nameof(CacheNameNotAvailable);
    public const string AmbiguousCacheName = nameof(AmbiguousCacheName);
    public const string CacheIsVNetInjected = nameof(CacheIsVNetInjected);
    public const string CacheNotReady = nameof(CacheNotReady);
    public const string CacheProvisioningFailed = nameof(CacheProvisioningFailed);
    public const string PersistenceStorageFirewallUnsupported = nameof(PersistenceStorageFirewallUnsupported);
    public const string ConflictingPrivateDnsZoneParameters = nameof(ConflictingPrivateDnsZoneParameters);
    public const string PrivateDnsZoneNotFound = nameof(PrivateDnsZoneNotFound);
    public const string WrongPrivateDnsZoneName = nameof(WrongPrivateDnsZoneName);
    public const string PrivateDnsZoneLinkNameInUse = nameof(PrivateDnsZoneLinkNameInUse);

    /// <summary>
    /// The zones of the cache's zone name (or one zone's links) cannot be read, so the zone the virtual network is
    /// already linked to cannot be found; -PrivateDnsZoneId names it instead.
    /// </summary>
    public const string PrivateDnsZoneNotReadable = nameof(PrivateDnsZoneNotReadable);

    /// <summary>
    /// Azure refused the zone's link: the virtual network is linked to another zone of the same name that this
    /// credential cannot see (another subscription). Raised by the link step, the one write Azure's answer decides.
    /// </summary>
    public const string VirtualNetworkLinkedToOtherZone = nameof(VirtualNetworkLinkedToOtherZone);

    /// <summary>-PrivateDnsZoneGroupByPolicy: no DNS zone group appeared on the new endpoint in time (the DeployIfNotExists policy did not run).</summary>
    public const string PolicyZoneGroupNotDeployed = nameof(PolicyZoneGroupNotDeployed);

    /// <summary>-PrivateDnsZoneGroupByPolicy: the policy's zone group names a zone whose A record for the cache does not hold the endpoint's address.</summary>
    public const string PolicyZoneGroupRecordMismatch = nameof(PolicyZoneGroupRecordMismatch);

    /// <summary>-PrivateDnsZoneGroupByPolicy with a parameter that chooses a zone or a link (the policy chooses the zone; no link is made).</summary>
    public const string PrivateDnsZoneGroupByPolicyConflict = nameof(PrivateDnsZoneGroupByPolicyConflict);
    public const string PrivateEndpointNameInUse = nameof(PrivateEndpointNameInUse);

    /// <summary>A private endpoint this run sent was gone before its creation ended (Add-RedisPrivateEndpoint on a fleet).</summary>
    public const string PrivateEndpointDeleted = nameof(PrivateEndpointDeleted);
    public const string CacheWouldBeUnreachable = nameof(CacheWouldBeUnreachable);
    public const string PrivateEndpointNotFound = nameof(PrivateEndpointNotFound);
    public const string NotARedisPrivateEndpoint = nameof(NotARedisPrivateEndpoint);
    public const string LastPrivateEndpoint = nameof(LastPrivateEndpoint);
    public const string PrivateEndpointConnectionNotFound = nameof(PrivateEndpointConnectionNotFound);
    public const string ConnectionAlreadyRejected = nameof(ConnectionAlreadyRejected);
    public const string InvalidDataMigration = nameof(InvalidDataMigration);
    public const string CacheIsNotVNetInjected = nameof(CacheIsNotVNetInjected);
    public const string CacheIsGeoReplicated = nameof(CacheIsGeoReplicated);
    public const string ConflictingMigrationStrategy = nameof(ConflictingMigrationStrategy);
    public const string StorageContainerUriRequired = nameof(StorageContainerUriRequired);

    /// <summary>
    /// Convert without -DataMigration (and without -KeepSource): the run would delete the source, the only copy of its
    /// data, so the choice between ExportImport and None is the user's to state.
    /// </summary>
    public const string DataMigrationRequired = nameof(DataMigrationRequired);

    public const string InvalidStorageContainerUri = nameof(InvalidStorageContainerUri);

    /// <summary>-StorageAuthentication is neither SAS nor ManagedIdentity.</summary>
    public const string InvalidStorageAuthentication = nameof(InvalidStorageAuthentication);

    /// <summary>
    /// The SAS of -StorageContainerUri ends (se) before the plan's expected end plus the hour Azure requires at each
    /// export or import request: the import would be refused, with -ReuseName after the source is gone.
    /// </summary>
    public const string StorageSasExpiresTooSoon = nameof(StorageSasExpiresTooSoon);

    /// <summary>The SAS starts (st) less than 15 minutes before now, which Azure refuses for an export or import.</summary>
    public const string StorageSasStartsTooLate = nameof(StorageSasStartsTooLate);

    /// <summary>-StorageAuthentication ManagedIdentity, but the source cache has no managed identity to export with.</summary>
    public const string StorageIdentityMissing = nameof(StorageIdentityMissing);
    public const string DataMigrationRequiresPremium = nameof(DataMigrationRequiresPremium);
    public const string EndpointSubnetIsInjectedSubnet = nameof(EndpointSubnetIsInjectedSubnet);
    public const string MigrationTargetNotVerified = nameof(MigrationTargetNotVerified);
    public const string MigrationSourceDeleted = nameof(MigrationSourceDeleted);
    public const string CacheNameStillHeld = nameof(CacheNameStillHeld);
    public const string MigrationRecordDoesNotFit = nameof(MigrationRecordDoesNotFit);
    public const string MigrationRecordUnreadable = nameof(MigrationRecordUnreadable);
    public const string ClassicCacheCreationBlocked = nameof(ClassicCacheCreationBlocked);

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

    /// <summary>ARM refused Convert's export of the source, or its operation ended Failed; ARM's code is in the message.</summary>
    public const string MigrationExportFailed = nameof(MigrationExportFailed);

    /// <summary>ARM refused Convert's import into the target, or its operation ended Failed; ARM's code is in the message.</summary>
    public const string MigrationImportFailed = nameof(MigrationImportFailed);

    /// <summary>
    /// An import into Convert's target was sent and no run learnt how it ended (its answer lost, or the run stopped
    /// while it ran): raised then, and by every re-run at the import step, until the admin records what the target holds.
    /// </summary>
    public const string MigrationImportUnconfirmed = nameof(MigrationImportUnconfirmed);

    /// <summary>A Managed Redis create's operation ended Failed with InsufficientCapacity or AllocationFailed.</summary>
    public const string ManagedRedisCapacityUnavailable = nameof(ManagedRedisCapacityUnavailable);

    /// <summary>
    /// A Managed Redis cluster in resourceState CreateFailed: left by a create that failed without a capacity error, or
    /// found by a re-run, which refuses it before any write since sending it again does not repair it.
    /// </summary>
    public const string ManagedRedisCreateFailed = nameof(ManagedRedisCreateFailed);

    /// <summary>
    /// The credential lacks RBAC actions the plan's writes need, found by reading its effective permissions before the
    /// first write (<see cref="PermissionCheck"/>); the message names each action, its scope and a built-in role granting it.
    /// </summary>
    public const string InsufficientPermissions = nameof(InsufficientPermissions);
}

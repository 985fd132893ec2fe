namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// The error ids the workflows raise on top of <see cref="Validation.ValidationErrorIds"/>; every one of them is raised
/// before the first ARM write.
/// </summary>
public static class WorkflowErrorIds
{
    public const string NetworkNotSpecified = nameof(NetworkNotSpecified);
    public const string ConflictingNetworkParameters = nameof(ConflictingNetworkParameters);
    public const string AddressPrefixRequired = nameof(AddressPrefixRequired);
    public const string SubnetPrefixRequired = nameof(SubnetPrefixRequired);
    public const string SubnetNotFound = nameof(SubnetNotFound);
    public const string SubnetNetworkPoliciesEnabled = nameof(SubnetNetworkPoliciesEnabled);
    public const string InvalidPublicNetworkAccess = nameof(InvalidPublicNetworkAccess);
    public const string CacheNameNotAvailable = nameof(CacheNameNotAvailable);
    public const string CacheNotFound = nameof(CacheNotFound);
    public const string CacheIsVNetInjected = nameof(CacheIsVNetInjected);
    public const string CacheNotReady = nameof(CacheNotReady);
    public const string CacheProvisioningFailed = nameof(CacheProvisioningFailed);
    public const string PersistenceStorageFirewallUnsupported = nameof(PersistenceStorageFirewallUnsupported);
    public const string ConflictingPrivateDnsZoneParameters = nameof(ConflictingPrivateDnsZoneParameters);
    public const string PrivateDnsZoneNotFound = nameof(PrivateDnsZoneNotFound);
    public const string WrongPrivateDnsZoneName = nameof(WrongPrivateDnsZoneName);
    public const string PrivateDnsZoneLinkNameInUse = nameof(PrivateDnsZoneLinkNameInUse);
    public const string PrivateEndpointNameInUse = nameof(PrivateEndpointNameInUse);
    public const string CacheWouldBeUnreachable = nameof(CacheWouldBeUnreachable);
    public const string PrivateEndpointNotFound = nameof(PrivateEndpointNotFound);
    public const string NotARedisPrivateEndpoint = nameof(NotARedisPrivateEndpoint);
    public const string LastPrivateEndpoint = nameof(LastPrivateEndpoint);
    public const string PrivateEndpointConnectionNotFound = nameof(PrivateEndpointConnectionNotFound);
    public const string ConnectionAlreadyRejected = nameof(ConnectionAlreadyRejected);
}

namespace RedisPrivateLink.Engine.Validation;

/// <summary>The error ids validation raises; tests and cmdlets refer to them by name rather than by string.</summary>
public static class ValidationErrorIds
{
    public const string InvalidCacheName = nameof(InvalidCacheName);
    public const string InvalidResourceGroupName = nameof(InvalidResourceGroupName);
    public const string InvalidVirtualNetworkName = nameof(InvalidVirtualNetworkName);
    public const string InvalidSubnetName = nameof(InvalidSubnetName);
    public const string InvalidPrivateEndpointName = nameof(InvalidPrivateEndpointName);
    public const string InvalidTag = nameof(InvalidTag);
    public const string InvalidAddressPrefix = nameof(InvalidAddressPrefix);
    public const string SubnetOutsideAddressSpace = nameof(SubnetOutsideAddressSpace);
    public const string SubnetOverlapsExistingSubnet = nameof(SubnetOverlapsExistingSubnet);
    public const string SubnetTooSmall = nameof(SubnetTooSmall);
    public const string InvalidCacheSku = nameof(InvalidCacheSku);
    public const string InvalidCacheSize = nameof(InvalidCacheSize);
    public const string PremiumFeatureRequiresPremiumSku = nameof(PremiumFeatureRequiresPremiumSku);
    public const string ZonesRequireStandardOrPremium = nameof(ZonesRequireStandardOrPremium);
    public const string InvalidShardCount = nameof(InvalidShardCount);
    public const string InvalidMinimumTlsVersion = nameof(InvalidMinimumTlsVersion);
    public const string InvalidRedisConfiguration = nameof(InvalidRedisConfiguration);
    public const string InvalidPersistenceConnectionString = nameof(InvalidPersistenceConnectionString);
    public const string InvalidLocation = nameof(InvalidLocation);
    public const string InvalidResourceId = nameof(InvalidResourceId);
    public const string WrongResourceType = nameof(WrongResourceType);
    public const string InvalidCacheKind = nameof(InvalidCacheKind);
    public const string CacheKindMismatch = nameof(CacheKindMismatch);
    public const string ClassicOnlyFeature = nameof(ClassicOnlyFeature);
    public const string ManagedRedisOnlyFeature = nameof(ManagedRedisOnlyFeature);
    public const string InvalidClusteringPolicy = nameof(InvalidClusteringPolicy);
    public const string InvalidEvictionPolicy = nameof(InvalidEvictionPolicy);
    public const string InvalidModule = nameof(InvalidModule);
    public const string InvalidPersistence = nameof(InvalidPersistence);
    public const string InvalidPrivateEndpointNetworkPolicy = nameof(InvalidPrivateEndpointNetworkPolicy);
    public const string InvalidResolutionPolicy = nameof(InvalidResolutionPolicy);
    public const string InvalidHighAvailability = nameof(InvalidHighAvailability);
    public const string InvalidSubscriptionId = nameof(InvalidSubscriptionId);
}

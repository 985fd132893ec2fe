using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>Azure Cache for Redis (Microsoft.Cache/redis): Basic, Standard and Premium, retiring 2028-09-30.</summary>
internal sealed class ClassicCacheKind : ArmCacheKind<RedisCache>
{
    /// <summary>
    /// The provisioning states of Microsoft.Cache/redis 2024-11-01 (azure-rest-api-specs, redis.json,
    /// RedisProvisioningState) that end by themselves; Deleting, Disabled, Failed and Unprovisioning do not.
    /// </summary>
    private static readonly string[] SettlingStates =
        { "Creating", "Updating", "Scaling", "Provisioning", "Linking", "Unlinking", "RecoveringScaleFailure", "ConfiguringAAD" };

    public override string Name => "Classic";

    public override string DisplayName => "Azure Cache for Redis";

    public override string ResourceType => "Microsoft.Cache/redis";

    public override string DefaultGroupId => "redisCache";

    public override int TlsPort => 6380;

    public override string PrivateDnsZoneName(AzureCloudEnvironment cloud, string? hostName) =>
        (cloud ?? throw new ArgumentNullException(nameof(cloud))).RedisPrivateDnsZone;

    public override string HostName(string cacheName, string? location, AzureCloudEnvironment cloud) =>
        cacheName + (cloud ?? throw new ArgumentNullException(nameof(cloud))).RedisHostSuffix;

    public override string RecordName(string cacheName, string? hostName, string? location) => cacheName;

    internal override bool HasFirewallRules => true;

    internal override string ListKeysPath(ResourceId cacheId) => cacheId + "/listKeys";

    /// <summary>The cache's own body has both: its sslPort, and its nodes' when it is clustered.</summary>
    internal override Task<CacheClientPorts> ReadClientPortsAsync(IArmGateway arm, CacheState cache, CancellationToken cancellationToken)
    {
        var redis = (RedisCache)cache.Resource;
        var nodePorts = redis.Properties?.ShardCount > 0 ? CacheInstancePorts.SslPortsOf(redis) : Array.Empty<int>();
        return Task.FromResult(new CacheClientPorts(redis.Properties?.SslPort ?? TlsPort, nodePorts));
    }

    internal override RedisPrivateCache Project(CacheState cache, IReadOnlyList<RedisPrivateEndpoint> endpoints) =>
        CacheProjection.ToCache((RedisCache)cache.Resource, cache.Id, endpoints);

    internal override bool IsIdle(CacheState cache) =>
        cache.ProvisioningState is null || string.Equals(cache.ProvisioningState, "Succeeded", StringComparison.OrdinalIgnoreCase);

    internal override bool IsSettling(CacheState cache) =>
        cache.ProvisioningState is not null && SettlingStates.Contains(cache.ProvisioningState, StringComparer.OrdinalIgnoreCase);

    /// <summary>Caches made before the property existed are open to the internet.</summary>
    internal override string PublicNetworkAccessWhenUnstated(CacheState cache) => "Enabled";

    private protected override CacheState StateOf(RedisCache cache, ResourceId? requested)
    {
        var properties = cache.Properties ?? new RedisCacheProperties();
        return new CacheState(this, CacheIds.Of(cache, requested), cache)
        {
            Location = cache.Location,
            ProvisioningState = properties.ProvisioningState,
            StatedPublicNetworkAccess = properties.PublicNetworkAccess,
            HostName = properties.HostName,
            SubnetId = properties.SubnetId,
            Connections = (properties.PrivateEndpointConnections ?? new List<PrivateEndpointConnection>()).ToList(),
        };
    }
}

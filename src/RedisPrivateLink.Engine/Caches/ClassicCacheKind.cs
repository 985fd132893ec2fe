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
internal sealed class ClassicCacheKind : CacheKind
{
    /// <summary>States in which Azure's Redis provider accepts a private endpoint for the cache.</summary>
    private static readonly string[] EndpointReadyStates = { "Succeeded", "Updating", "Scaling", "Patching", "ConfiguringAAD" };

    public override string Name => "Classic";

    public override string DisplayName => "Azure Cache for Redis";

    public override string ResourceType => "Microsoft.Cache/redis";

    public override string DefaultGroupId => "redisCache";

    public override int TlsPort => 6380;

    public override string PrivateDnsZoneName(AzureCloudEnvironment cloud, string? hostName) =>
        (cloud ?? throw new ArgumentNullException(nameof(cloud))).RedisPrivateDnsZone;

    public override string RecordName(string cacheName, string? hostName, string? location) => cacheName;

    internal override bool HasFirewallRules => true;

    internal override async Task<CacheState?> ReadAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken)
    {
        var cache = await arm.GetAsync<RedisCache>(cacheId, cancellationToken).ConfigureAwait(false);
        return cache is null ? null : StateOf(cache, cacheId);
    }

    internal override Task ForEachPageAsync(IArmGateway arm, string collectionPath, Func<IReadOnlyList<CacheState>, CancellationToken, Task> onPage, CancellationToken cancellationToken) =>
        arm.ForEachPageAsync<RedisCache>(collectionPath, (page, token) => onPage(page.Select(cache => StateOf(cache, null)).ToList(), token), cancellationToken);

    internal override async Task<CacheState> SetPublicNetworkAccessAsync(IArmGateway arm, ResourceId cacheId, string access, bool waitForCompletion, CancellationToken cancellationToken)
    {
        var patch = new { properties = new { publicNetworkAccess = access } };
        var cache = await arm.PatchAsync<RedisCache>(cacheId, patch, waitForCompletion, cancellationToken).ConfigureAwait(false);
        return StateOf(cache, cacheId);
    }

    internal override RedisPrivateCache Project(CacheState cache, IReadOnlyList<RedisPrivateEndpoint> endpoints) =>
        CacheProjection.ToCache((RedisCache)cache.Resource, cache.Id, endpoints);

    internal override bool IsIdle(CacheState cache) =>
        cache.ProvisioningState is null || string.Equals(cache.ProvisioningState, "Succeeded", StringComparison.OrdinalIgnoreCase);

    internal override bool AcceptsPrivateEndpoints(CacheState cache) =>
        cache.ProvisioningState is null || EndpointReadyStates.Contains(cache.ProvisioningState, StringComparer.OrdinalIgnoreCase);

    /// <summary>Caches made before the property existed are open to the internet.</summary>
    internal override string PublicNetworkAccessWhenUnstated(CacheState cache) => "Enabled";

    private CacheState StateOf(RedisCache cache, ResourceId? requested)
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

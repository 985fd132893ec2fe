using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// Reads caches and their private endpoints into <see cref="RedisPrivateCache"/> and <see cref="RedisPrivateEndpoint"/>.
/// <para>
/// Single reads are the detailed view: the cache, then for each of its endpoints (concurrently) the endpoint and its
/// DNS zone groups, plus its network interface while the connection is not approved. DNS records carry the zone id.
/// </para>
/// <para>
/// Lists cost a handful of requests whatever the fleet size: the pages of caches (or endpoints), and once the
/// subscription's private endpoints (or caches) to join the other side of each connection. Lists read no DNS zone
/// groups and no network interfaces, so their DNS records come from the endpoints' customDnsConfigs (ZoneId null) and
/// an endpoint whose connection is not approved yet shows no private IP.
/// </para>
/// </summary>
public sealed class CacheReader
{
    private const string PrivateEndpointType = "Microsoft.Network/privateEndpoints";

    private readonly IArmGateway _arm;
    private readonly string _subscriptionId;
    private readonly EndpointDetailReader _endpointDetails;

    /// <param name="arm">The gateway to read through.</param>
    /// <param name="subscriptionId">The subscription that lists and name-based reads cover.</param>
    public CacheReader(IArmGateway arm, string subscriptionId)
    {
        _arm = arm ?? throw new ArgumentNullException(nameof(arm));
        if (string.IsNullOrWhiteSpace(subscriptionId))
        {
            throw new ArgumentException("A subscription id is required.", nameof(subscriptionId));
        }

        _subscriptionId = subscriptionId;
        _endpointDetails = new EndpointDetailReader(arm);
    }

    /// <summary>The cache (of either kind) with its endpoints in detail; null when the cache doesn't exist.</summary>
    public async Task<RedisPrivateCache?> GetAsync(ResourceId cacheId, CancellationToken cancellationToken = default)
    {
        var cache = await KindOf(cacheId, nameof(cacheId)).ReadAsync(_arm, cacheId, cancellationToken).ConfigureAwait(false);
        return cache is null ? null : await InDetailAsync(cache, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The cache <paramref name="name"/> in <paramref name="resourceGroupName"/> of this reader's subscription: the
    /// classic cache of that name, else the Managed Redis cache; null when neither exists.
    /// </summary>
    public async Task<RedisPrivateCache?> GetAsync(string resourceGroupName, string name, CancellationToken cancellationToken = default)
    {
        foreach (var kind in CacheKind.All)
        {
            var id = ResourceId.ForResource(_subscriptionId, resourceGroupName, kind.ResourceType, name);
            if (await kind.ReadWhereOfferedAsync(_arm, id, cancellationToken).ConfigureAwait(false) is { } cache)
            {
                return await InDetailAsync(cache, cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }

    /// <summary>
    /// Streams the caches of both kinds of the subscription (<paramref name="resourceGroupName"/> null) or of one
    /// resource group, page by page, to <paramref name="onCache"/>: the classic caches, then the Managed Redis ones,
    /// each in ARM's order. <paramref name="nameFilter"/> picks caches by name before
    /// anything more is read. The subscription's private endpoints are listed once, and only when a cache has a
    /// connection. Lists read no DNS zone groups: each endpoint's DnsRecords come from its customDnsConfigs, with ZoneId
    /// null; <see cref="GetAsync(ResourceId, CancellationToken)"/> is the detailed view.
    /// </summary>
    public async Task ForEachCacheAsync(string? resourceGroupName, Func<string, bool>? nameFilter, Func<RedisPrivateCache, CancellationToken, Task> onCache, CancellationToken cancellationToken = default)
    {
        if (onCache is null)
        {
            throw new ArgumentNullException(nameof(onCache));
        }

        var endpoints = new EndpointIndex(_arm, _subscriptionId);
        foreach (var kind in CacheKind.All)
        {
            await kind.ForEachPageWhereOfferedAsync(_arm, CollectionPath(resourceGroupName, kind.ResourceType), async (page, token) =>
            {
                foreach (var cache in page)
                {
                    if (nameFilter is not null && !nameFilter(cache.Id.Name))
                    {
                        continue;
                    }

                    var cacheEndpoints = new List<RedisPrivateEndpoint>();
                    foreach (var (connection, endpointId) in ConnectionsOf(cache))
                    {
                        var snapshot = await endpoints.FindAsync(endpointId, token).ConfigureAwait(false);
                        cacheEndpoints.Add(CacheProjection.ToEndpoint(endpointId, cache.Id, connection, snapshot, null));
                    }

                    await onCache(kind.Project(cache, cacheEndpoints), token).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The cache's private endpoints in detail.</summary>
    /// <exception cref="RedisPrivateLinkException">CacheNotFound: the cache doesn't exist.</exception>
    public async Task<IReadOnlyList<RedisPrivateEndpoint>> GetEndpointsOfCacheAsync(ResourceId cacheId, CancellationToken cancellationToken = default)
    {
        var cache = await GetAsync(cacheId, cancellationToken).ConfigureAwait(false)
            ?? throw MissingCache.Error(cacheId);
        return cache.PrivateEndpoints;
    }

    /// <summary>The endpoint in detail; null when it doesn't exist or connects to no Redis cache.</summary>
    public async Task<RedisPrivateEndpoint?> GetEndpointAsync(ResourceId endpointId, CancellationToken cancellationToken = default)
    {
        RequireType(endpointId, PrivateEndpointType, nameof(endpointId));
        var (snapshot, zoneGroupRecords) = await _endpointDetails.ReadAsync(endpointId, cancellationToken).ConfigureAwait(false);
        if (snapshot is null || snapshot.CacheConnections.Count == 0)
        {
            return null;
        }

        var cacheId = snapshot.CacheConnections[0].CacheId;
        var cacheConnections = await CacheConnectionIndex.ReadConnectionsOfCacheAsync(_arm, cacheId, cancellationToken).ConfigureAwait(false);
        cacheConnections.TryGetValue(snapshot.Id, out var cacheSide);
        return CacheProjection.ToEndpoint(snapshot.Id, cacheId, cacheSide, snapshot, zoneGroupRecords);
    }

    /// <summary>
    /// Streams the private endpoints of the subscription (<paramref name="resourceGroupName"/> null) or of one resource
    /// group that connect to a Redis cache, page by page; endpoints to anything else are skipped.
    /// <paramref name="nameFilter"/> picks endpoints by name before anything more is read. The subscription's caches are
    /// listed once, for the cache side of each connection. Lists read no DNS zone groups: DnsRecords come from each
    /// endpoint's customDnsConfigs, with ZoneId null; <see cref="GetEndpointAsync"/> is the detailed view.
    /// </summary>
    public async Task ForEachEndpointAsync(string? resourceGroupName, Func<string, bool>? nameFilter, Func<RedisPrivateEndpoint, CancellationToken, Task> onEndpoint, CancellationToken cancellationToken = default)
    {
        if (onEndpoint is null)
        {
            throw new ArgumentNullException(nameof(onEndpoint));
        }

        var cacheConnections = new CacheConnectionIndex(_arm, _subscriptionId);
        await _arm.ForEachPageAsync<PrivateEndpoint>(CollectionPath(resourceGroupName, PrivateEndpointType), async (page, token) =>
        {
            foreach (var endpoint in page)
            {
                if (endpoint.Name is null || (nameFilter is not null && !nameFilter(endpoint.Name))
                    || EndpointSnapshot.From(endpoint) is not { CacheConnections.Count: > 0 } snapshot)
                {
                    continue;
                }

                foreach (var connection in snapshot.CacheConnections)
                {
                    var cacheSide = await cacheConnections.FindAsync(connection.CacheId, snapshot.Id, token).ConfigureAwait(false);
                    await onEndpoint(CacheProjection.ToEndpoint(snapshot.Id, connection.CacheId, cacheSide, snapshot, null), token).ConfigureAwait(false);
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cache with each of its endpoints read in detail, concurrently.</summary>
    internal Task<RedisPrivateCache> InDetailAsync(CacheState cache, CancellationToken cancellationToken) =>
        InDetailAsync(cache, _ => null, null, cancellationToken);

    /// <summary>
    /// The cache with its endpoints in detail, but those <paramref name="known"/> gives (as a list just showed them),
    /// which are shown as lists show endpoints: DNS records from their customDnsConfigs, no read of their zone groups.
    /// <paramref name="added"/>, an endpoint made after <paramref name="cache"/> was read, is shown among them the same way.
    /// </summary>
    internal async Task<RedisPrivateCache> InDetailAsync(CacheState cache, Func<ResourceId, PrivateEndpoint?> known, PrivateEndpoint? added, CancellationToken cancellationToken)
    {
        var connections = ConnectionsOf(cache).ToList();
        var endpoints = (await Task.WhenAll(connections.Select(c => known(c.EndpointId) is { } endpoint
            ? Task.FromResult(CacheProjection.ToEndpoint(c.EndpointId, cache.Id, c.Connection, EndpointSnapshot.From(endpoint), null))
            : ReadEndpointOfConnectionAsync(cache.Id, c.Connection, c.EndpointId, cancellationToken))).ConfigureAwait(false)).ToList();
        if (added is not null && ResourceId.TryParse(added.Id, out var addedId) && connections.All(c => c.EndpointId != addedId))
        {
            endpoints.Add(CacheProjection.ToEndpoint(addedId!, cache.Id, null, EndpointSnapshot.From(added), null));
        }

        return cache.Kind.Project(cache, endpoints);
    }

    private async Task<RedisPrivateEndpoint> ReadEndpointOfConnectionAsync(ResourceId cacheId, PrivateEndpointConnection connection, ResourceId endpointId, CancellationToken cancellationToken)
    {
        var (snapshot, zoneGroupRecords) = await _endpointDetails.ReadAsync(endpointId, cancellationToken).ConfigureAwait(false);
        return CacheProjection.ToEndpoint(endpointId, cacheId, connection, snapshot, zoneGroupRecords);
    }

    /// <summary>The cache's connections that name their endpoint, with that endpoint's id.</summary>
    private static IEnumerable<(PrivateEndpointConnection Connection, ResourceId EndpointId)> ConnectionsOf(CacheState cache)
    {
        foreach (var connection in cache.Connections)
        {
            if (CacheProjection.EndpointIdOf(connection) is { } endpointId)
            {
                yield return (connection, endpointId);
            }
        }
    }

    private string CollectionPath(string? resourceGroupName, string resourceType) =>
        resourceGroupName is null
            ? $"/subscriptions/{_subscriptionId}/providers/{resourceType}"
            : $"{ResourceId.ForResourceGroup(_subscriptionId, resourceGroupName)}/providers/{resourceType}";

    private static CacheKind KindOf(ResourceId id, string parameterName)
    {
        if (id is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        return CacheKind.ForType(id.ResourceType)
            ?? throw new ArgumentException($"'{id}' is a {id.ResourceType}, not a Redis cache ({string.Join(" or ", CacheKind.All.Select(k => k.ResourceType))}).", parameterName);
    }

    private static void RequireType(ResourceId id, string resourceType, string parameterName)
    {
        if (id is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (!id.IsOfType(resourceType))
        {
            throw new ArgumentException($"'{id}' is a {id.ResourceType}, not a {resourceType}.", parameterName);
        }
    }
}

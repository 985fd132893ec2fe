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
    private const string RedisType = "Microsoft.Cache/redis";
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

    /// <summary>The cache with its endpoints in detail; null when the cache doesn't exist.</summary>
    public async Task<RedisPrivateCache?> GetAsync(ResourceId cacheId, CancellationToken cancellationToken = default)
    {
        RequireType(cacheId, RedisType, nameof(cacheId));
        var cache = await _arm.GetAsync<RedisCache>(cacheId, cancellationToken).ConfigureAwait(false);
        if (cache is null)
        {
            return null;
        }

        var id = IdOf(cache, cacheId);
        var endpoints = await Task.WhenAll(ConnectionsOf(cache).Select(c => ReadEndpointOfConnectionAsync(id, c.Connection, c.EndpointId, cancellationToken))).ConfigureAwait(false);
        return CacheProjection.ToCache(cache, id, endpoints);
    }

    /// <summary>The cache <paramref name="name"/> in <paramref name="resourceGroupName"/> of this reader's subscription; null when it doesn't exist.</summary>
    public Task<RedisPrivateCache?> GetAsync(string resourceGroupName, string name, CancellationToken cancellationToken = default) =>
        GetAsync(ResourceId.ForResource(_subscriptionId, resourceGroupName, RedisType, name), cancellationToken);

    /// <summary>
    /// Streams the caches of the subscription (<paramref name="resourceGroupName"/> null) or of one resource group, page
    /// by page, to <paramref name="onCache"/>, in ARM's order. <paramref name="nameFilter"/> picks caches by name before
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
        await _arm.ForEachPageAsync<RedisCache>(CollectionPath(resourceGroupName, RedisType), async (page, token) =>
        {
            foreach (var cache in page)
            {
                if (cache.Name is null || (nameFilter is not null && !nameFilter(cache.Name)))
                {
                    continue;
                }

                var id = IdOf(cache, null);
                var cacheEndpoints = new List<RedisPrivateEndpoint>();
                foreach (var (connection, endpointId) in ConnectionsOf(cache))
                {
                    var snapshot = await endpoints.FindAsync(endpointId, token).ConfigureAwait(false);
                    cacheEndpoints.Add(CacheProjection.ToEndpoint(endpointId, id, connection, snapshot, null));
                }

                await onCache(CacheProjection.ToCache(cache, id, cacheEndpoints), token).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cache's private endpoints in detail.</summary>
    /// <exception cref="RedisPrivateLinkException">CacheNotFound: the cache doesn't exist.</exception>
    public async Task<IReadOnlyList<RedisPrivateEndpoint>> GetEndpointsOfCacheAsync(ResourceId cacheId, CancellationToken cancellationToken = default)
    {
        var cache = await GetAsync(cacheId, cancellationToken).ConfigureAwait(false)
            ?? throw new RedisPrivateLinkException("CacheNotFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                $"No Azure Cache for Redis '{cacheId.Name}' in resource group '{cacheId.ResourceGroupName}'. Check the id, or list the caches with Get-RedisPrivateCache.",
                cacheId.ToString());
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

    private async Task<RedisPrivateEndpoint> ReadEndpointOfConnectionAsync(ResourceId cacheId, PrivateEndpointConnection connection, ResourceId endpointId, CancellationToken cancellationToken)
    {
        var (snapshot, zoneGroupRecords) = await _endpointDetails.ReadAsync(endpointId, cancellationToken).ConfigureAwait(false);
        return CacheProjection.ToEndpoint(endpointId, cacheId, connection, snapshot, zoneGroupRecords);
    }

    /// <summary>The cache's connections that name their endpoint, with that endpoint's id.</summary>
    private static IEnumerable<(PrivateEndpointConnection Connection, ResourceId EndpointId)> ConnectionsOf(RedisCache cache)
    {
        foreach (var connection in cache.Properties?.PrivateEndpointConnections ?? Array.Empty<PrivateEndpointConnection>())
        {
            if (CacheProjection.EndpointIdOf(connection) is { } endpointId)
            {
                yield return (connection, endpointId);
            }
        }
    }

    /// <summary>The id ARM gave the cache (its casing is ARM's); the requested one when ARM gave none.</summary>
    private static ResourceId IdOf(RedisCache cache, ResourceId? requested) =>
        ResourceId.TryParse(cache.Id, out var id) ? id!
        : requested ?? throw new FormatException($"ARM listed the cache '{cache.Name}' without a valid resource id ('{cache.Id}').");

    private string CollectionPath(string? resourceGroupName, string resourceType) =>
        resourceGroupName is null
            ? $"/subscriptions/{_subscriptionId}/providers/{resourceType}"
            : $"{ResourceId.ForResourceGroup(_subscriptionId, resourceGroupName)}/providers/{resourceType}";

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

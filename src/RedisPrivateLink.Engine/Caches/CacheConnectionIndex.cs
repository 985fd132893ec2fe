using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// The cache-side connections of private endpoints, for a list of endpoints: the subscription's caches of both kinds are listed once,
/// on first need (each embeds its connections), so any number of endpoints costs the same few requests. A cache in
/// another subscription is read on its own, once. Used by one list at a time; not thread-safe.
/// </summary>
internal sealed class CacheConnectionIndex
{
    private readonly IArmGateway _arm;
    private readonly string _subscriptionId;
    private readonly Dictionary<ResourceId, IReadOnlyDictionary<ResourceId, PrivateEndpointConnection>> _elsewhere = new();
    private Dictionary<(ResourceId Cache, ResourceId Endpoint), PrivateEndpointConnection>? _inSubscription;

    public CacheConnectionIndex(IArmGateway arm, string subscriptionId)
    {
        _arm = arm;
        _subscriptionId = subscriptionId;
    }

    /// <summary>The connection on <paramref name="cacheId"/> that belongs to <paramref name="endpointId"/>; null when the cache has none or is gone.</summary>
    public async Task<PrivateEndpointConnection?> FindAsync(ResourceId cacheId, ResourceId endpointId, CancellationToken cancellationToken)
    {
        if (string.Equals(cacheId.SubscriptionId, _subscriptionId, StringComparison.OrdinalIgnoreCase))
        {
            _inSubscription ??= await ListSubscriptionConnectionsAsync(cancellationToken).ConfigureAwait(false);
            return _inSubscription.TryGetValue((cacheId, endpointId), out var connection) ? connection : null;
        }

        if (!_elsewhere.TryGetValue(cacheId, out var connections))
        {
            connections = await ReadConnectionsOfCacheAsync(_arm, cacheId, cancellationToken).ConfigureAwait(false);
            _elsewhere[cacheId] = connections;
        }

        return connections.TryGetValue(endpointId, out var found) ? found : null;
    }

    /// <summary>The connections of one cache by endpoint id, from a single GET; none when the cache is gone or can't be read.</summary>
    public static async Task<IReadOnlyDictionary<ResourceId, PrivateEndpointConnection>> ReadConnectionsOfCacheAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken)
    {
        var connections = new Dictionary<ResourceId, PrivateEndpointConnection>();
        try
        {
            var cache = CacheKind.ForType(cacheId.ResourceType) is { } kind ? await kind.ReadAsync(arm, cacheId, cancellationToken).ConfigureAwait(false) : null;
            foreach (var connection in cache?.Connections ?? Array.Empty<PrivateEndpointConnection>())
            {
                if (CacheProjection.EndpointIdOf(connection) is { } endpointId)
                {
                    connections[endpointId] = connection;
                }
            }
        }
        catch (ArmException e) when (EndpointDetailReader.IsUnreadable(e))
        {
            // A cache the credential can't see: the endpoint's own record of the connection stands in.
        }

        return connections;
    }

    private async Task<Dictionary<(ResourceId, ResourceId), PrivateEndpointConnection>> ListSubscriptionConnectionsAsync(CancellationToken cancellationToken)
    {
        var connections = new Dictionary<(ResourceId, ResourceId), PrivateEndpointConnection>();
        foreach (var kind in CacheKind.All)
        {
            await kind.ForEachPageWhereOfferedAsync(
                _arm,
                $"/subscriptions/{_subscriptionId}/providers/{kind.ResourceType}",
                (page, _) =>
                {
                    foreach (var cache in page)
                    {
                        foreach (var connection in cache.Connections)
                        {
                            if (CacheProjection.EndpointIdOf(connection) is { } endpointId)
                            {
                                connections[(cache.Id, endpointId)] = connection;
                            }
                        }
                    }

                    return Task.CompletedTask;
                },
                cancellationToken).ConfigureAwait(false);
        }

        return connections;
    }
}

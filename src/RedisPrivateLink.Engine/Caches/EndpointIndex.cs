using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// The private endpoints that connect to Redis caches, for a list of caches: the subscription's endpoints are listed
/// once, on first need, so any number of caches costs the same few requests. An endpoint in another subscription (a
/// cross-subscription connection) is read on its own, once. Used by one list at a time; not thread-safe.
/// </summary>
internal sealed class EndpointIndex
{
    private readonly IArmGateway _arm;
    private readonly string _subscriptionId;
    private readonly EndpointDetailReader _details;
    private readonly Dictionary<ResourceId, EndpointSnapshot?> _elsewhere = new();
    private Dictionary<ResourceId, EndpointSnapshot>? _inSubscription;

    public EndpointIndex(IArmGateway arm, string subscriptionId)
    {
        _arm = arm;
        _subscriptionId = subscriptionId;
        _details = new EndpointDetailReader(arm);
    }

    /// <summary>The endpoint's snapshot; null when it no longer exists or can't be read.</summary>
    public async Task<EndpointSnapshot?> FindAsync(ResourceId endpointId, CancellationToken cancellationToken)
    {
        if (string.Equals(endpointId.SubscriptionId, _subscriptionId, StringComparison.OrdinalIgnoreCase))
        {
            _inSubscription ??= await ListSubscriptionEndpointsAsync(cancellationToken).ConfigureAwait(false);
            return _inSubscription.TryGetValue(endpointId, out var snapshot) ? snapshot : null;
        }

        if (!_elsewhere.TryGetValue(endpointId, out var found))
        {
            found = await _details.ReadSnapshotAsync(endpointId, cancellationToken).ConfigureAwait(false);
            _elsewhere[endpointId] = found;
        }

        return found;
    }

    private async Task<Dictionary<ResourceId, EndpointSnapshot>> ListSubscriptionEndpointsAsync(CancellationToken cancellationToken)
    {
        var snapshots = new Dictionary<ResourceId, EndpointSnapshot>();
        await _arm.ForEachPageAsync<PrivateEndpoint>(
            $"/subscriptions/{_subscriptionId}/providers/Microsoft.Network/privateEndpoints",
            (page, _) =>
            {
                foreach (var endpoint in page)
                {
                    // Only endpoints to caches are kept, so the index grows with the Redis endpoints, not the whole network.
                    if (EndpointSnapshot.From(endpoint) is { CacheConnections.Count: > 0 } snapshot)
                    {
                        snapshots[snapshot.Id] = snapshot;
                    }
                }

                return Task.CompletedTask;
            },
            cancellationToken).ConfigureAwait(false);
        return snapshots;
    }
}

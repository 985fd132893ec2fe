using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// What the piped inputs of one Add-RedisPrivateEndpoint run share: the reads of their common surroundings (networks,
/// zones, links, resource groups, and the lists that answer for each input's endpoint and A record), made once per run
/// with the run's shared writes made once (the first input that creates a link creates it, the others wait on it), and
/// one observer that waits for every input's new endpoint by listing their resource groups once per poll interval.
/// </summary>
public sealed class EndpointFleet
{
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<ResourceId, CacheState> _prepared = new();
    private readonly Dictionary<string, Task<IReadOnlyList<string>>> _unregistered = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="arm">The gateway of the run's subscription.</param>
    /// <param name="onWaiting">Called on an input's flow once its endpoint is sent and only waited for (the cmdlet frees its -ThrottleLimit slot).</param>
    public EndpointFleet(IArmGateway arm, Action? onWaiting = null)
    {
        Arm = arm ?? throw new ArgumentNullException(nameof(arm));
        Reads = new SharedReadsGateway(arm);
        Observer = new PrivateEndpointFleetObserver(arm, onWaiting);
    }

    /// <summary>The gateway this run's requests go through.</summary>
    public IArmGateway Arm { get; }

    internal SharedReadsGateway Reads { get; }

    internal PrivateEndpointFleetObserver Observer { get; }

    /// <summary>Keeps the cache as an input's preparation read it, for that input's output.</summary>
    internal void RememberPrepared(CacheState cache) => _prepared[cache.Id] = cache;

    /// <summary>The cache as the last preparation of this run read it; null when none did.</summary>
    internal CacheState? PreparedCache(ResourceId cacheId) => _prepared.TryGetValue(cacheId, out var cache) ? cache : null;

    /// <summary>
    /// The providers of <paramref name="read"/> not registered in <paramref name="subscriptionId"/>, read by the first
    /// input of that subscription and shared; read again after a failure.
    /// </summary>
    internal Task<IReadOnlyList<string>> UnregisteredAsync(string subscriptionId, Func<Task<IReadOnlyList<string>>> read)
    {
        lock (_gate)
        {
            if (!_unregistered.TryGetValue(subscriptionId, out var unregistered) || unregistered.IsFaulted || unregistered.IsCanceled)
            {
                unregistered = read();
                _unregistered[subscriptionId] = unregistered;
            }

            return unregistered;
        }
    }
}

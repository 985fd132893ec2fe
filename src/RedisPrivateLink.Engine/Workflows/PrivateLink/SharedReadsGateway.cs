using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// The gateway the inputs of one fleet run read their shared surroundings through, so that what they share is read
/// once per run instead of once per input: resource groups, virtual networks, private DNS zones, and the lists of a
/// zone's links, of the subscription's zones, of a zone's A records and of a resource group's private endpoints. A GET
/// of a cache, a private endpoint or an A record set is answered from its collection's list from the second of that
/// collection on (one page per 100 instead of a request each; the first is read alone, so a run of one input costs no
/// more than before). The subscriptions the credential sees are read once per run too. Everything else passes through.
/// <para>
/// Writes through it are the run's shared writes (a resource group, a subnet, a zone, a link): concurrent PUTs of one
/// resource are sent once and the others wait on that one, and every write forgets what was read, so the inputs that
/// read after it see what it made. Private endpoints and their zone groups are each input's own and are written through
/// the underlying gateway, so they forget nothing.
/// </para>
/// </summary>
internal sealed class SharedReadsGateway : IArmGateway
{
    private static readonly string[] SharedTypes =
    {
        ResourceId.ResourceGroupType, "Microsoft.Network/virtualNetworks", "Microsoft.Network/privateDnsZones",
    };

    /// <summary>Resource types whose GET, from the second of a collection on, is answered from the list of their collection.</summary>
    private static readonly string[] ListedTypes = { "Microsoft.Cache/redis", "Microsoft.Network/privateEndpoints", "Microsoft.Network/privateDnsZones/A" };

    private static readonly string[] SharedCollectionEndings =
    {
        "/virtualNetworkLinks", "/providers/Microsoft.Network/privateDnsZones", "/providers/Microsoft.Network/privateEndpoints", "/A",
        "/providers/Microsoft.Cache/redis",
    };

    private readonly IArmGateway _inner;
    private readonly object _gate = new();
    private readonly Dictionary<string, Task<object?>> _reads = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Task<object>> _writes = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _readOnce = new(StringComparer.OrdinalIgnoreCase);

    // What the credential can see: no write of the run changes it, so writes do not forget it.
    private readonly Dictionary<string, Task<object?>> _subscriptionReads = new(StringComparer.OrdinalIgnoreCase);

    public SharedReadsGateway(IArmGateway inner) => _inner = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <summary>The gateway every request goes through.</summary>
    public IArmGateway Inner => _inner;

    public ArmRequestCounters Counters => _inner.Counters;

    public async Task<T?> GetAsync<T>(ResourceId id, CancellationToken cancellationToken = default)
        where T : class
    {
        if (ListedTypes.Any(id.IsOfType) && !IsFirstOfCollection(id))
        {
            IReadOnlyList<T> listed;
            try
            {
                listed = await ListAsync<T>(CollectionOf(id), cancellationToken).ConfigureAwait(false);
            }
            catch (ArmException missing) when (missing.Status == 404)
            {
                // The collection's parent (a resource group, a zone) does not exist, so neither does the resource.
                return null;
            }

            return listed.FirstOrDefault(item => item is ArmResource resource && ResourceId.TryParse(resource.Id, out var listedId) && listedId == id);
        }

        if (!SharedTypes.Any(id.IsOfType))
        {
            // Alone (one input, or the first of a fleet) a resource costs one GET, less than its collection's pages.
            return await _inner.GetAsync<T>(id, cancellationToken).ConfigureAwait(false);
        }

        return (T?)await ReadOnceAsync("GET " + id, async () => await _inner.GetAsync<T>(id, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<T>> ListAsync<T>(string collectionPath, CancellationToken cancellationToken = default)
    {
        if (!IsShared(collectionPath))
        {
            return await _inner.ListAsync<T>(collectionPath, cancellationToken).ConfigureAwait(false);
        }

        return (IReadOnlyList<T>)(await ReadOnceAsync("LIST " + collectionPath, async () => await _inner.ListAsync<T>(collectionPath, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false))!;
    }

    public async Task ForEachPageAsync<T>(string collectionPath, Func<IReadOnlyList<T>, CancellationToken, Task> onPage, CancellationToken cancellationToken = default)
    {
        if (!IsShared(collectionPath))
        {
            await _inner.ForEachPageAsync(collectionPath, onPage, cancellationToken).ConfigureAwait(false);
            return;
        }

        await onPage(await ListAsync<T>(collectionPath, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> PutAsync<T>(ResourceId id, T resource, bool waitForCompletion = true, CancellationToken cancellationToken = default)
        where T : class
    {
        Task<object> write;
        lock (_gate)
        {
            if (!_writes.TryGetValue("PUT " + id, out write!))
            {
                // Started outside the lock's turn, so its cleanup never runs before it is recorded.
                write = Task.Run(() => PutAndForgetAsync(id, resource, waitForCompletion, cancellationToken));
                _writes["PUT " + id] = write;
            }
        }

        return (T)await write.ConfigureAwait(false);
    }

    public async Task<T> PatchAsync<T>(ResourceId id, object patch, bool waitForCompletion = true, CancellationToken cancellationToken = default)
        where T : class
    {
        try
        {
            return await _inner.PatchAsync<T>(id, patch, waitForCompletion, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Forget();
        }
    }

    public async Task<bool> DeleteAsync(ResourceId id, bool waitForCompletion = true, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inner.DeleteAsync(id, waitForCompletion, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Forget();
        }
    }

    public async Task<ArmResponse> PostActionAsync(string actionPath, object? body, bool waitForCompletion = true, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _inner.PostActionAsync(actionPath, body, waitForCompletion, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Forget();
        }
    }

    public async Task<ArmResponse> SendAsync(ArmRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        try
        {
            return await _inner.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (request.Method != RequestMethod.Get)
            {
                Forget();
            }
        }
    }

    public Task WaitToPollAgainAsync(ResourceId id, CancellationToken cancellationToken = default) => _inner.WaitToPollAgainAsync(id, cancellationToken);

    public async Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(CancellationToken cancellationToken = default) =>
        (IReadOnlyList<Subscription>)(await ReadOnceAsync(_subscriptionReads, "LIST /subscriptions", async () => await _inner.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false))!;

    public async Task<Subscription?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        (Subscription?)await ReadOnceAsync(_subscriptionReads, "GET /subscriptions/" + subscriptionId, async () => await _inner.GetSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

    private static bool IsShared(string collectionPath)
    {
        var path = collectionPath.Split('?')[0].TrimEnd('/');
        return SharedCollectionEndings.Any(ending => path.EndsWith(ending, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True the first time a resource of its collection is asked for (read on its own), false from the second on (answered by the list).</summary>
    private bool IsFirstOfCollection(ResourceId id)
    {
        lock (_gate)
        {
            return _readOnce.Add(CollectionOf(id));
        }
    }

    /// <summary>The collection a resource is listed in: its id without its name.</summary>
    private static string CollectionOf(ResourceId id)
    {
        var text = id.ToString();
        return text.Substring(0, text.LastIndexOf('/'));
    }

    /// <summary>
    /// The read under <paramref name="key"/>, made once and shared (on the first caller's token: inputs are only
    /// cancelled together); a failed read is forgotten, so the next caller reads again.
    /// </summary>
    private Task<object?> ReadOnceAsync(string key, Func<Task<object?>> read) => ReadOnceAsync(_reads, key, read);

    private async Task<object?> ReadOnceAsync(Dictionary<string, Task<object?>> reads, string key, Func<Task<object?>> read)
    {
        Task<object?> shared;
        lock (_gate)
        {
            if (!reads.TryGetValue(key, out shared!))
            {
                shared = Task.Run(read);
                reads[key] = shared;
            }
        }

        try
        {
            return await shared.ConfigureAwait(false);
        }
        catch (Exception)
        {
            lock (_gate)
            {
                if (reads.TryGetValue(key, out var current) && current == shared)
                {
                    reads.Remove(key);
                }
            }

            throw;
        }
    }

    private async Task<object> PutAndForgetAsync<T>(ResourceId id, T resource, bool waitForCompletion, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await _inner.PutAsync(id, resource, waitForCompletion, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _writes.Remove("PUT " + id);
                _reads.Clear();
            }
        }
    }

    private void Forget()
    {
        lock (_gate)
        {
            _reads.Clear();
        }
    }
}

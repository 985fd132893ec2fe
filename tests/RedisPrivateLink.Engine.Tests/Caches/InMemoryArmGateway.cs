using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Tests.Caches;

/// <summary>
/// A read-only ARM held in dictionaries, for states the emulator can't make (another subscription, a resource the
/// credential may not read). Records every path read.
/// </summary>
internal sealed class InMemoryArmGateway : IArmGateway
{
    private readonly Dictionary<string, object> _resources = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IReadOnlyList<object>> _collections = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _forbidden = new(StringComparer.OrdinalIgnoreCase);

    public ArmRequestCounters Counters { get; } = new();

    public ConcurrentQueue<string> Reads { get; } = new();

    /// <summary>Awaited before each read is answered, with the path read; lets a test hold reads to see them overlap.</summary>
    public Func<string, Task> BeforeRead { get; set; } = _ => Task.CompletedTask;

    public void Add(string id, object resource) => _resources[id] = resource;

    public void AddCollection(string path, params object[] items) => _collections[path] = items;

    /// <summary>Reads of <paramref name="id"/> answer 403, as for a subscription the credential can't see.</summary>
    public void Forbid(string id) => _forbidden.Add(id);

    public async Task<T?> GetAsync<T>(ResourceId id, CancellationToken cancellationToken = default)
        where T : class
    {
        Reads.Enqueue(id.ToString());
        await BeforeRead(id.ToString());
        if (_forbidden.Contains(id.ToString()))
        {
            throw new ArmException(403, new ArmError { Code = "AuthorizationFailed" }, "GET", id.ToString(), null, null);
        }

        return _resources.TryGetValue(id.ToString(), out var resource) ? (T)resource : null;
    }

    public async Task<IReadOnlyList<T>> ListAsync<T>(string collectionPath, CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        await ForEachPageAsync<T>(collectionPath, (page, _) =>
        {
            items.AddRange(page);
            return Task.CompletedTask;
        }, cancellationToken);
        return items;
    }

    public async Task ForEachPageAsync<T>(string collectionPath, Func<IReadOnlyList<T>, CancellationToken, Task> onPage, CancellationToken cancellationToken = default)
    {
        Reads.Enqueue(collectionPath);
        await BeforeRead(collectionPath);
        await onPage(_collections.TryGetValue(collectionPath, out var items) ? items.Cast<T>().ToList() : new List<T>(), cancellationToken);
    }

    public async Task<ArmResponse> SendAsync(ArmRequest request, CancellationToken cancellationToken = default)
    {
        Reads.Enqueue(request.Path);
        await BeforeRead(request.Path);
        return new ArmResponse(404, string.Empty, Array.Empty<KeyValuePair<string, string>>());
    }

    public Task<T> PutAsync<T>(ResourceId id, T resource, bool waitForCompletion = true, CancellationToken cancellationToken = default)
        where T : class => throw new NotSupportedException("Readers never write.");

    public Task<T> PatchAsync<T>(ResourceId id, object patch, bool waitForCompletion = true, CancellationToken cancellationToken = default)
        where T : class => throw new NotSupportedException("Readers never write.");

    public Task<bool> DeleteAsync(ResourceId id, bool waitForCompletion = true, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Readers never write.");

    public Task<ArmResponse> PostActionAsync(string actionPath, object? body, bool waitForCompletion = true, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Readers never write.");

    public Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<Subscription?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}

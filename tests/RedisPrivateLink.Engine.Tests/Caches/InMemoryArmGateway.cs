using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Tests.Caches;

/// <summary>
/// An ARM held in memory as JSON, for states the emulator can't make (another subscription, a resource the credential
/// may not read) and for workflows before the emulator knows a resource type. Records every path read and every write.
/// A write completes at once: PUT stores the body as sent, marked Succeeded (a Managed Redis cluster also Running);
/// PATCH merges into what is stored. Collections are only what a test adds.
/// </summary>
internal sealed class InMemoryArmGateway : IArmGateway
{
    private readonly ConcurrentDictionary<string, JsonObject> _resources = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IReadOnlyList<object>> _collections = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _forbidden = new(StringComparer.OrdinalIgnoreCase);

    public ArmRequestCounters Counters { get; } = new();

    public ConcurrentQueue<string> Reads { get; } = new();

    /// <summary>Every write as "METHOD path", in the order sent.</summary>
    public ConcurrentQueue<string> Writes { get; } = new();

    /// <summary>Awaited before each read is answered, with the path read; lets a test hold reads to see them overlap.</summary>
    public Func<string, Task> BeforeRead { get; set; } = _ => Task.CompletedTask;

    /// <summary>Called with each PUT's id before it is stored; throwing refuses the write as ARM would.</summary>
    public Action<ResourceId> BeforePut { get; set; } = _ => { };

    public void Add(string id, object resource) => _resources[id] = ToJson(resource);

    public void AddCollection(string path, params object[] items) => _collections[path] = items;

    /// <summary>Reads of <paramref name="id"/> answer 403, as for a subscription the credential can't see.</summary>
    public void Forbid(string id) => _forbidden.Add(id);

    /// <summary>What is stored at <paramref name="id"/> (the body last written), or null.</summary>
    public JsonObject? Stored(string id) => _resources.TryGetValue(id, out var resource) ? resource : null;

    public async Task<T?> GetAsync<T>(ResourceId id, CancellationToken cancellationToken = default)
        where T : class
    {
        Reads.Enqueue(id.ToString());
        await BeforeRead(id.ToString());
        if (_forbidden.Contains(id.ToString()))
        {
            throw new ArmException(403, new ArmError { Code = "AuthorizationFailed" }, "GET", id.ToString(), null, null);
        }

        return _resources.TryGetValue(id.ToString(), out var resource) ? ArmJson.Deserialize<T>(resource.ToJsonString()) : null;
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
        var items = _collections.TryGetValue(collectionPath, out var stored) ? stored : Array.Empty<object>();
        await onPage(items.Select(item => ArmJson.Deserialize<T>(ToJson(item).ToJsonString())!).ToList(), cancellationToken);
    }

    public async Task<ArmResponse> SendAsync(ArmRequest request, CancellationToken cancellationToken = default)
    {
        // A POST action (checkNameAvailability) answers as PostActionAsync does: accepted, nothing to say.
        if (request.Method == Azure.Core.RequestMethod.Post)
        {
            return await PostActionAsync(request.Path, request.Body, waitForCompletion: false, cancellationToken);
        }

        Reads.Enqueue(request.Path);
        await BeforeRead(request.Path);
        return new ArmResponse(404, string.Empty, Array.Empty<KeyValuePair<string, string>>());
    }

    public Task<T> PutAsync<T>(ResourceId id, T resource, bool waitForCompletion = true, CancellationToken cancellationToken = default)
        where T : class
    {
        Writes.Enqueue("PUT " + id);
        BeforePut(id);
        var body = ToJson(resource);
        body["id"] = id.ToString();
        body["name"] = id.Name;
        var properties = body["properties"] as JsonObject ?? new JsonObject();
        body["properties"] = properties;
        properties["provisioningState"] = "Succeeded";
        if (id.IsOfType("Microsoft.Cache/redisEnterprise"))
        {
            properties["resourceState"] = "Running";
        }

        _resources[id.ToString()] = body;
        return Task.FromResult(ArmJson.Deserialize<T>(body.ToJsonString())!);
    }

    public Task<T> PatchAsync<T>(ResourceId id, object patch, bool waitForCompletion = true, CancellationToken cancellationToken = default)
        where T : class
    {
        Writes.Enqueue("PATCH " + id);
        var stored = _resources[id.ToString()];
        Merge(stored, ToJson(patch));
        return Task.FromResult(ArmJson.Deserialize<T>(stored.ToJsonString())!);
    }

    public Task<bool> DeleteAsync(ResourceId id, bool waitForCompletion = true, CancellationToken cancellationToken = default)
    {
        Writes.Enqueue("DELETE " + id);
        return Task.FromResult(_resources.TryRemove(id.ToString(), out _));
    }

    /// <summary>Answers every action 200 with no body, as checkNameAvailability does for a free name.</summary>
    public Task<ArmResponse> PostActionAsync(string actionPath, object? body, bool waitForCompletion = true, CancellationToken cancellationToken = default)
    {
        Writes.Enqueue("POST " + actionPath);
        return Task.FromResult(new ArmResponse(200, string.Empty, Array.Empty<KeyValuePair<string, string>>()));
    }

    /// <summary>Called for each wait between two polls of a resource, in place of the wait; lets a test move time on.</summary>
    public Action<ResourceId> OnWaitToPollAgain { get; set; } = _ => { };

    public Task WaitToPollAgainAsync(ResourceId id, CancellationToken cancellationToken = default)
    {
        OnWaitToPollAgain(id);
        return Task.CompletedTask;
    }

    /// <summary>What GET /subscriptions answers.</summary>
    public List<Subscription> Subscriptions { get; } = new();

    public Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(CancellationToken cancellationToken = default)
    {
        Reads.Enqueue("/subscriptions");
        return Task.FromResult<IReadOnlyList<Subscription>>(Subscriptions.ToList());
    }

    /// <summary>Every subscription is visible to this in-memory ARM: the states it stands for are of resources, not of access.</summary>
    public Task<Subscription?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        Task.FromResult<Subscription?>(new Subscription { Id = "/subscriptions/" + subscriptionId, SubscriptionId = subscriptionId, State = "Enabled" });

    private static JsonObject ToJson(object value) => JsonNode.Parse(ArmJson.Serialize(value))!.AsObject();

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is JsonObject child && target[name] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// Everything the module asks of Azure Resource Manager. One interface so typed Azure.ResourceManager.* clients could
/// replace the hand-written gateway without touching callers. Every method honours its cancellation token, also while
/// waiting between polls and retries, and throws <see cref="ArmException"/> when ARM refuses.
/// </summary>
public interface IArmGateway
{
    /// <summary>Requests sent so far, by kind.</summary>
    ArmRequestCounters Counters { get; }

    /// <summary>The resource, or null when ARM answers 404 (the resource or its parent doesn't exist).</summary>
    Task<T?> GetAsync<T>(ResourceId id, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>Every item of a collection such as <c>/subscriptions/{s}/providers/Microsoft.Cache/redis</c>, following nextLink.</summary>
    Task<IReadOnlyList<T>> ListAsync<T>(string collectionPath, CancellationToken cancellationToken = default);

    /// <summary>Hands each page of a collection to <paramref name="onPage"/> as it arrives, so large lists are never held whole.</summary>
    Task ForEachPageAsync<T>(string collectionPath, Func<IReadOnlyList<T>, CancellationToken, Task> onPage, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the resource; waits for the long-running operation unless told not to, and returns its final state.</summary>
    Task<T> PutAsync<T>(ResourceId id, T resource, bool waitForCompletion = true, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>Updates the fields in <paramref name="patch"/>; waits unless told not to, and returns the resource's final state.</summary>
    Task<T> PatchAsync<T>(ResourceId id, object patch, bool waitForCompletion = true, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>Deletes the resource; false when it was already gone (404).</summary>
    Task<bool> DeleteAsync(ResourceId id, bool waitForCompletion = true, CancellationToken cancellationToken = default);

    /// <summary>
    /// POSTs an action such as <c>.../checkNameAvailability</c>, <c>.../listKeys</c> or <c>.../export</c>; when waiting,
    /// returns the operation's final response. Error statuses throw.
    /// </summary>
    Task<ArmResponse> PostActionAsync(string actionPath, object? body, bool waitForCompletion = true, CancellationToken cancellationToken = default);

    /// <summary>Sends one request as is, with no long-running-operation handling; the caller reads the status (errors don't throw).</summary>
    Task<ArmResponse> SendAsync(ArmRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits as long as the gateway waits between two polls of an operation on <paramref name="id"/> when ARM names no
    /// time (the service's default, scaled on the emulator), for callers that poll a resource's state themselves.
    /// </summary>
    Task WaitToPollAgainAsync(ResourceId id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(CancellationToken cancellationToken = default);

    /// <summary>The subscription, or null when it doesn't exist or the credential can't see it.</summary>
    Task<Subscription?> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default);
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// Waits for many caches' operations together: once per service poll interval it lists the caches of each resource
/// group that has a cache being waited on, and settles every wait that list answers. A fleet of caches changed at once
/// thus costs a page or a few per interval instead of one poll per cache per interval, which would spend ARM's read
/// budget (250 + 25/s per subscription) on waiting. A group whose list ARM refuses (a role on each cache but not on the
/// group) is read cache by cache instead; a cache missing from its group's list is read on its own before it is
/// reported gone. A cache that shows no operation running yet not as asked, on several lists in a row, was changed by
/// something else after this change was accepted: its wait ends with an error rather than lasting for ever.
/// </summary>
public sealed class CacheFleetObserver
{
    /// <summary>Lists in a row that show a cache idle but not as asked before its wait fails.</summary>
    internal const int IdleNotDoneLimit = 3;

    private readonly IArmGateway _arm;
    private readonly Action? _onWaiting;
    private readonly object _gate = new();
    private readonly List<Watch> _watches = new();
    private readonly HashSet<string> _unlistable = new(StringComparer.OrdinalIgnoreCase);
    private bool _observing;

    /// <param name="arm">The gateway of the caches' subscription.</param>
    /// <param name="onWaiting">Called on the waiting caller's flow when a wait begins (the cmdlet frees its input's -ThrottleLimit slot).</param>
    public CacheFleetObserver(IArmGateway arm, Action? onWaiting = null)
    {
        _arm = arm ?? throw new ArgumentNullException(nameof(arm));
        _onWaiting = onWaiting;
    }

    /// <summary>The gateway this observer lists through.</summary>
    public IArmGateway Arm => _arm;

    /// <summary>
    /// The cache as ARM shows it once <paramref name="isDone"/> holds; fails when ARM shows the cache Failed or
    /// Canceled, or no longer has it.
    /// </summary>
    /// <param name="operation">What is waited for, for the error when it fails ("the update of public network access").</param>
    internal Task<CacheState> WaitUntilAsync(ResourceId cacheId, Func<CacheState, bool> isDone, string operation, CancellationToken cancellationToken)
    {
        var watch = new Watch(cacheId, isDone, operation);
        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => watch.Done.TrySetCanceled(cancellationToken));
            watch.Done.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        lock (_gate)
        {
            _watches.Add(watch);
            if (!_observing)
            {
                _observing = true;
                _ = Task.Run(ObserveAsync);
            }
        }

        _onWaiting?.Invoke();
        return watch.Done.Task;
    }

    private async Task ObserveAsync()
    {
        while (true)
        {
            Watch[] watching;
            lock (_gate)
            {
                _watches.RemoveAll(w => w.Done.Task.IsCompleted);
                if (_watches.Count == 0)
                {
                    _observing = false;
                    return;
                }

                watching = _watches.ToArray();
            }

            await _arm.WaitToPollAgainAsync(watching[0].CacheId, CancellationToken.None).ConfigureAwait(false);
            foreach (var group in watching.Where(w => !w.Done.Task.IsCompleted).GroupBy(w => CollectionPath(w.CacheId), StringComparer.OrdinalIgnoreCase))
            {
                try
                {
                    await ObserveGroupAsync(group.Key, group.ToList()).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // A list ARM refused after the gateway's retries: the waits it was to answer end with the cause.
                    foreach (var watch in group)
                    {
                        watch.Done.TrySetException(e);
                    }
                }
            }
        }
    }

    private async Task ObserveGroupAsync(string collectionPath, IReadOnlyList<Watch> watches)
    {
        var kind = CacheKind.Of(watches[0].CacheId);
        var unread = watches.ToDictionary(w => w.CacheId);
        bool listable;
        lock (_gate)
        {
            listable = !_unlistable.Contains(collectionPath);
        }

        if (listable)
        {
            try
            {
                await kind.ForEachPageAsync(_arm, collectionPath, (page, _) =>
                {
                    foreach (var cache in page)
                    {
                        if (unread.TryGetValue(cache.Id, out var watch))
                        {
                            unread.Remove(cache.Id);
                            Settle(watch, cache);
                        }
                    }

                    return Task.CompletedTask;
                }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (ArmException e) when (e.Status is 401 or 403)
            {
                lock (_gate)
                {
                    _unlistable.Add(collectionPath);
                }
            }
        }

        foreach (var watch in unread.Values)
        {
            try
            {
                var cache = await kind.ReadAsync(_arm, watch.CacheId, CancellationToken.None).ConfigureAwait(false);
                if (cache is null)
                {
                    watch.Done.TrySetException(new RedisPrivateLinkException(MissingCache.ErrorId, RedisPrivateLinkErrorCategory.ObjectNotFound,
                        $"Cache '{watch.CacheId.Name}' was deleted while waiting for {watch.Operation}.", watch.CacheId.ToString()));
                    continue;
                }

                Settle(watch, cache);
            }
            catch (Exception e)
            {
                watch.Done.TrySetException(e);
            }
        }
    }

    private static void Settle(Watch watch, CacheState cache)
    {
        if (watch.IsDone(cache))
        {
            watch.Done.TrySetResult(cache);
        }
        else if (string.Equals(cache.ProvisioningState, "Failed", StringComparison.OrdinalIgnoreCase)
            || string.Equals(cache.ProvisioningState, "Canceled", StringComparison.OrdinalIgnoreCase))
        {
            var error = new ArmError
            {
                Code = "Provisioning" + cache.ProvisioningState,
                Message = $"Azure ended {watch.Operation} of cache '{watch.CacheId.Name}' {cache.ProvisioningState}. Run the command again: a cache whose last update failed takes it again.",
            };
            watch.Done.TrySetException(new ArmException(200, error, "PATCH", watch.CacheId.ToString(), null, null));
        }
        else if (cache.IsIdle && ++watch.IdleNotDone >= IdleNotDoneLimit)
        {
            watch.Done.TrySetException(new RedisPrivateLinkException("CacheChangedElsewhere", RedisPrivateLinkErrorCategory.InvalidOperation,
                $"Azure accepted {watch.Operation} of cache '{watch.CacheId.Name}', but the cache now runs no operation and is not as asked: something else changed it after. Run the command again.",
                watch.CacheId.ToString()));
        }
        else if (!cache.IsIdle)
        {
            watch.IdleNotDone = 0;
        }
    }

    private static string CollectionPath(ResourceId cacheId) =>
        $"{ResourceId.ForResourceGroup(cacheId.SubscriptionId, cacheId.ResourceGroupName!)}/providers/{cacheId.ResourceType}";

    private sealed class Watch
    {
        public Watch(ResourceId cacheId, Func<CacheState, bool> isDone, string operation)
        {
            CacheId = cacheId;
            IsDone = isDone;
            Operation = operation;
        }

        public ResourceId CacheId { get; }

        public Func<CacheState, bool> IsDone { get; }

        public string Operation { get; }

        /// <summary>Lists in a row that showed the cache idle but not as asked.</summary>
        public int IdleNotDone { get; set; }

        public TaskCompletionSource<CacheState> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

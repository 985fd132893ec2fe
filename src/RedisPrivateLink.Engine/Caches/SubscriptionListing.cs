using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// A list (of caches or endpoints) over several subscriptions: the subscriptions -Subscription names are resolved
/// with one GET /subscriptions, then each is listed through its own <see cref="CacheReader"/>, all at once (ARM paces
/// each subscription on its own budget, and so does the gateway). Items come out grouped by subscription, in the
/// order the subscriptions were chosen: the first one's as they are read, the others' held until those before them
/// are done. A value that names no subscription, or a subscription whose list fails (a role on one subscription but
/// not another), is an error of its own while the others are listed. A list of one resource group covers the
/// subscriptions that have a group of that name; only when none has it is that an error (ResourceGroupNotFound).
/// </summary>
public static class SubscriptionListing
{
    private const string ResourceGroupNotFound = "ResourceGroupNotFound";

    /// <param name="context">The signed-in context; its tenant bounds names and patterns.</param>
    /// <param name="subscriptions">Ids, display names or patterns.</param>
    /// <param name="resourceGroupName">The resource group <paramref name="list"/> lists in each subscription, or null for whole subscriptions.</param>
    /// <param name="patternOf">A matcher for a value holding wildcards (PowerShell's rules), else null.</param>
    /// <param name="list">Lists one subscription through the reader, handing each item to the callback.</param>
    /// <param name="onItem">Receives the items, one at a time, in order.</param>
    /// <param name="onError">Receives each value's or subscription's error, with the value or subscription id as target.</param>
    public static async Task RunAsync<T>(
        RedisPrivateLinkContext context,
        IReadOnlyList<string> subscriptions,
        string? resourceGroupName,
        Func<string, Func<string, bool>?> patternOf,
        Func<CacheReader, Func<T, CancellationToken, Task>, CancellationToken, Task> list,
        Action<T> onItem,
        Action<Exception, string> onError,
        CancellationToken cancellationToken)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        var arm = context.GetArmGateway();
        var selection = await SubscriptionResolver.ResolveManyAsync(arm, subscriptions, context.TenantId, patternOf, cancellationToken).ConfigureAwait(false);
        foreach (var error in selection.Errors)
        {
            onError(error, error.Target ?? string.Empty);
        }

        var output = new OrderedOutput<T>(selection.Subscriptions.Count, onItem);
        var withoutGroup = 0;
        await Task.WhenAll(selection.Subscriptions.Select(async (subscription, index) =>
        {
            try
            {
                await list(
                    new CacheReader(arm, subscription.SubscriptionId!),
                    (item, _) =>
                    {
                        output.Add(index, item);
                        return Task.CompletedTask;
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ArmException e) when (resourceGroupName is not null && string.Equals(e.Code, ResourceGroupNotFound, StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref withoutGroup);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                onError(e, subscription.SubscriptionId!);
            }
            finally
            {
                output.Complete(index);
            }
        })).ConfigureAwait(false);

        if (resourceGroupName is not null && selection.Subscriptions.Count > 0 && withoutGroup == selection.Subscriptions.Count)
        {
            onError(
                new RedisPrivateLinkException(ResourceGroupNotFound, RedisPrivateLinkErrorCategory.ObjectNotFound,
                    $"Resource group '{resourceGroupName}' is in none of the subscriptions listed ({string.Join(", ", selection.Subscriptions.Select(s => s.SubscriptionId))}). Check its name, or leave -ResourceGroupName out to list the whole subscriptions.",
                    resourceGroupName),
                resourceGroupName);
        }
    }

    /// <summary>Items of several sources, passed on grouped by source in source order, each as early as that order allows.</summary>
    private sealed class OrderedOutput<T>
    {
        private readonly object _gate = new();
        private readonly Action<T> _onItem;
        private readonly Queue<T>[] _held;
        private readonly bool[] _complete;
        private int _current;

        public OrderedOutput(int sources, Action<T> onItem)
        {
            _onItem = onItem;
            _held = Enumerable.Range(0, sources).Select(_ => new Queue<T>()).ToArray();
            _complete = new bool[sources];
        }

        public void Add(int source, T item)
        {
            lock (_gate)
            {
                if (source == _current)
                {
                    _onItem(item);
                }
                else
                {
                    _held[source].Enqueue(item);
                }
            }
        }

        public void Complete(int source)
        {
            lock (_gate)
            {
                _complete[source] = true;
                while (_current < _complete.Length && _complete[_current])
                {
                    _current++;
                    if (_current < _held.Length)
                    {
                        while (_held[_current].Count > 0)
                        {
                            _onItem(_held[_current].Dequeue());
                        }
                    }
                }
            }
        }
    }
}

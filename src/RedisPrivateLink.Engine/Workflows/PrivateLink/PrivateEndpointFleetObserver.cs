using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Waits for many private endpoints' creation together, as <see cref="Caches.CacheFleetObserver"/> waits for caches:
/// once per poll interval of Microsoft.Network it lists the private endpoints of each resource group that has one being
/// waited on, and settles every wait that list answers, instead of polling each endpoint's operation. A group whose list
/// ARM refuses is read endpoint by endpoint instead; an endpoint missing from its group's list is read on its own
/// (ARM may not have replicated it yet) before it is reported gone.
/// </summary>
internal sealed class PrivateEndpointFleetObserver
{
    private readonly IArmGateway _arm;
    private readonly Action? _onWaiting;
    private readonly object _gate = new();
    private readonly List<Watch> _watches = new();
    private readonly HashSet<string> _unlistable = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<ResourceId, PrivateEndpoint> _provisioned = new();
    private bool _observing;

    /// <param name="onWaiting">Called on the waiting caller's flow when a wait begins (the cmdlet frees its input's -ThrottleLimit slot).</param>
    public PrivateEndpointFleetObserver(IArmGateway arm, Action? onWaiting = null)
    {
        _arm = arm ?? throw new ArgumentNullException(nameof(arm));
        _onWaiting = onWaiting;
    }

    /// <summary>The endpoint as ARM lists it once its provisioning Succeeded; fails when it ends Failed or Canceled, or is gone.</summary>
    public Task<PrivateEndpoint> WaitProvisionedAsync(ResourceId endpointId, CancellationToken cancellationToken)
    {
        var watch = new Watch(endpointId);
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

    /// <summary>An endpoint this observer saw provisioned, as its list showed it; null for any other.</summary>
    public PrivateEndpoint? Provisioned(ResourceId endpointId) => _provisioned.TryGetValue(endpointId, out var endpoint) ? endpoint : null;

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

            await _arm.WaitToPollAgainAsync(watching[0].EndpointId, CancellationToken.None).ConfigureAwait(false);
            foreach (var group in watching.Where(w => !w.Done.Task.IsCompleted).GroupBy(w => CollectionPath(w.EndpointId), StringComparer.OrdinalIgnoreCase))
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
        var unread = watches.ToDictionary(w => w.EndpointId);
        bool listable;
        lock (_gate)
        {
            listable = !_unlistable.Contains(collectionPath);
        }

        if (listable)
        {
            try
            {
                await _arm.ForEachPageAsync<PrivateEndpoint>(collectionPath, (page, _) =>
                {
                    foreach (var endpoint in page)
                    {
                        if (ResourceId.TryParse(endpoint.Id, out var id) && unread.TryGetValue(id!, out var watch))
                        {
                            unread.Remove(id!);
                            Settle(watch, endpoint);
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
                var endpoint = await _arm.GetAsync<PrivateEndpoint>(watch.EndpointId, CancellationToken.None).ConfigureAwait(false);
                if (endpoint is null)
                {
                    watch.Done.TrySetException(new RedisPrivateLinkException(WorkflowErrorIds.PrivateEndpointDeleted, RedisPrivateLinkErrorCategory.ObjectNotFound,
                        $"Private endpoint '{watch.EndpointId.Name}' was deleted while its creation was waited for. Run the command again to create it.", watch.EndpointId.ToString()));
                    continue;
                }

                Settle(watch, endpoint);
            }
            catch (Exception e)
            {
                watch.Done.TrySetException(e);
            }
        }
    }

    private void Settle(Watch watch, PrivateEndpoint endpoint)
    {
        var state = endpoint.Properties?.ProvisioningState;
        if (ArmOperationStates.IsSuccess(state))
        {
            _provisioned[watch.EndpointId] = endpoint;
            watch.Done.TrySetResult(endpoint);
        }
        else if (FailedProvisioning.IsFailed(state))
        {
            var error = new ArmError
            {
                Code = "Provisioning" + state,
                Message = $"Azure ended the creation of private endpoint '{watch.EndpointId.Name}' {state}. Run the command again: an endpoint whose create failed is sent again.",
            };
            watch.Done.TrySetException(new ArmException(200, error, "PUT", watch.EndpointId.ToString(), null, null));
        }
    }

    private static string CollectionPath(ResourceId endpointId) =>
        $"{ResourceId.ForResourceGroup(endpointId.SubscriptionId, endpointId.ResourceGroupName!)}/providers/{endpointId.ResourceType}";

    private sealed class Watch
    {
        public Watch(ResourceId endpointId) => EndpointId = endpointId;

        public ResourceId EndpointId { get; }

        public TaskCompletionSource<PrivateEndpoint> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Set-RedisPublicNetworkAccess: validates with ARM reads only, then returns a plan of one PATCH that changes only the
/// cache's publicNetworkAccess, or an empty plan when the cache is already as asked. Guards the FAQ's rule: a cache
/// without an approved private endpoint and without public access is reachable from nowhere.
/// </summary>
public static class PublicNetworkAccessWorkflow
{
    public const string Enabled = "Enabled";
    public const string Disabled = "Disabled";

    /// <summary>The key of the plan's one step.</summary>
    public const string StepKey = "public-network-access";

    /// <param name="cacheId">The cache's full ARM id.</param>
    /// <param name="desired">Enabled or Disabled, in any casing.</param>
    /// <param name="force">Disables public access even when no approved private endpoint reaches the cache.</param>
    /// <param name="noWait">Sends the PATCH without waiting for Azure to apply it.</param>
    public static Task<PreparedWorkflow> PrepareAsync(RedisPrivateLinkContext context, string cacheId, string desired, bool force, bool noWait, CancellationToken cancellationToken) =>
        PrepareAsync(context, cacheId, desired, force, noWait, fleet: null, cancellationToken);

    /// <param name="fleet">
    /// Waits for the PATCH together with the other caches of the run, by listing their resource groups once per poll
    /// interval, instead of polling this cache's operation; null polls the operation. The cache as the list last showed
    /// it becomes the prepared workflow's <see cref="PreparedWorkflow.SettledCache"/>.
    /// </param>
    public static async Task<PreparedWorkflow> PrepareAsync(RedisPrivateLinkContext context, string cacheId, string desired, bool force, bool noWait, CacheFleetObserver? fleet, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        var id = CacheKind.ParseCacheId(cacheId, "ResourceId");
        var access = Normalize(desired);
        var arm = context.GetArmGateway();
        await SubscriptionAccess.RequireVisibleAsync(context, id, "ResourceId", cancellationToken).ConfigureAwait(false);
        var notices = new List<string>();
        var plan = new Plan($"Setting public network access of cache '{id.Name}' to {access}");

        var cache = await ExistingCache.RequireAsync(arm, id, cancellationToken).ConfigureAwait(false);
        if (string.Equals(cache.PublicNetworkAccess, access, StringComparison.OrdinalIgnoreCase))
        {
            OperationReporter.Current.Verbose($"Public network access of cache '{id.Name}' is already {access}: nothing to change.");
            return new PreparedWorkflow(plan, id, notices) { SettledCache = cache };
        }

        // A cache whose last update ended Failed takes the PATCH again: that is how a re-run recovers it.
        var failed = FailedProvisioning.IsFailed(cache.ProvisioningState);
        if (!failed)
        {
            ExistingCache.RequireIdle(cache);
        }

        if (access == Disabled)
        {
            RequireReachableWithoutPublicAccess(cache, force, notices);
        }
        else
        {
            await NoticeOpenToTheInternetAsync(arm, cache, notices, cancellationToken).ConfigureAwait(false);
        }

        var prepared = new PreparedWorkflow(plan, id, notices);
        // A cache whose last update failed may still show Failed to a list read just after the PATCH: its own operation says when it is done.
        plan.Add(fleet is null || noWait || failed
            ? CreateStep(arm, cache.Kind, id, access, noWait, failed ? cache.ProvisioningState : null)
            : CreateObservedStep(arm, fleet, cache.Kind, id, access, prepared));
        return prepared;
    }

    private static string Normalize(string? value)
    {
        foreach (var allowed in new[] { Enabled, Disabled })
        {
            if (string.Equals(value, allowed, StringComparison.OrdinalIgnoreCase))
            {
                return allowed;
            }
        }

        throw new ValidationException(WorkflowErrorIds.InvalidPublicNetworkAccess, "PublicNetworkAccess",
            $"Public network access '{value}' is not valid. Use Disabled (the cache answers only on its private endpoints) or Enabled.");
    }

    /// <summary>Without public access, only an approved private endpoint carries traffic to the cache.</summary>
    private static void RequireReachableWithoutPublicAccess(CacheState cache, bool force, ICollection<string> notices)
    {
        var cacheId = cache.Id;
        var connections = ConnectionStatuses.ConnectionsOf(cache);
        if (connections.Any(ConnectionStatuses.IsApproved))
        {
            return;
        }

        var why = connections.Count == 0
            ? $"cache '{cacheId.Name}' has no private endpoint"
            : $"none of the private endpoint connections of cache '{cacheId.Name}' is Approved ({string.Join(", ", connections.Select(c => $"'{c.Name}' {ConnectionStatuses.StatusOf(c) ?? "unknown"}"))})";
        if (!force)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.CacheWouldBeUnreachable, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"Disabling public network access now would leave the cache reachable from nowhere: {why}. Add an endpoint with Add-RedisPrivateEndpoint, or approve a pending one with Approve-RedisPrivateEndpointConnection, then run the command again; or pass -Force to disable it anyway.",
                cacheId.ToString());
        }

        notices.Add($"Disabling public network access with -Force although {why}: no client can reach the cache until a private endpoint to it is approved.");
    }

    /// <summary>Public access without firewall rules admits every address; the access key is then the only protection.</summary>
    private static async Task NoticeOpenToTheInternetAsync(IArmGateway arm, CacheState cache, ICollection<string> notices, CancellationToken cancellationToken)
    {
        const string Advice = "Add firewall rules to limit it to your addresses, or keep public network access Disabled and connect through private endpoints.";
        var cacheId = cache.Id;
        if (!cache.Kind.HasFirewallRules)
        {
            notices.Add($"{cache.Kind.DisplayName} has no firewall rules: once public network access of cache '{cacheId.Name}' is Enabled, any address on the internet that holds an access key or a Microsoft Entra token for it can connect. Keep public network access Disabled and connect through private endpoints unless clients outside your networks need it.");
            return;
        }

        try
        {
            if (await CacheFirewallRules.CountAsync(arm, cacheId, cancellationToken).ConfigureAwait(false) == 0)
            {
                notices.Add($"Cache '{cacheId.Name}' has no firewall rules: once public network access is Enabled, any address on the internet that holds an access key can connect to it. {Advice}");
            }
        }
        catch (ArmException e)
        {
            // The rules only decide whether to warn; not being allowed to read them must not stop the change itself.
            notices.Add($"The firewall rules of cache '{cacheId.Name}' could not be read ({e.Code ?? "HTTP" + e.Status}). If it has none, once public network access is Enabled any address on the internet that holds an access key can connect to it. {Advice}");
        }
    }

    /// <summary>The PATCH, then a wait in <paramref name="fleet"/> until a list shows the cache idle with the access asked for.</summary>
    private static PlanStep CreateObservedStep(IArmGateway arm, CacheFleetObserver fleet, CacheKind kind, ResourceId cacheId, string access, PreparedWorkflow prepared) =>
        new PlanStep(StepKey, "Set", cacheId.ToString(), $"Set public network access of cache '{cacheId.Name}' to {access}", null, async (step, ct) =>
        {
            step.ReportStatus("Sending the update");
            await kind.SetPublicNetworkAccessAsync(arm, cacheId, access, waitForCompletion: false, ct).ConfigureAwait(false);
            step.ReportStatus("Waiting for Azure to apply the update");
            var cache = await fleet.WaitUntilAsync(
                cacheId,
                listed => listed.IsIdle && string.Equals(listed.PublicNetworkAccess, access, StringComparison.OrdinalIgnoreCase),
                "the update of public network access",
                ct).ConfigureAwait(false);
            prepared.SettledCache = cache;
            return StepResult.Updated($"public network access is {cache.PublicNetworkAccess}");
        })
        {
            Writes = PublicNetworkAccessWrite(cacheId, access),
        }.Requires(ArmPermission.Write(cacheId));

    /// <param name="failedState">The cache's provisioning state when its last update ended Failed or Canceled, else null.</param>
    private static PlanStep CreateStep(IArmGateway arm, CacheKind kind, ResourceId cacheId, string access, bool noWait, string? failedState) =>
        new PlanStep(StepKey, "Set", cacheId.ToString(), $"Set public network access of cache '{cacheId.Name}' to {access}", null, async (step, ct) =>
        {
            // Only the one property: a PATCH leaves every other setting of the cache as it is.
            step.ReportStatus("Sending the update");
            var cache = await kind.SetPublicNetworkAccessAsync(arm, cacheId, access, waitForCompletion: !noWait, ct).ConfigureAwait(false);
            var message = noWait
                ? $"the update was sent; Azure applies it within minutes, until then the cache still shows {cache.PublicNetworkAccess} (-NoWait)"
                : $"public network access is {cache.PublicNetworkAccess}";
            return StepResult.Updated(failedState is null ? message : FailedProvisioning.Resent(failedState, message));
        })
        {
            Writes = PublicNetworkAccessWrite(cacheId, access),
        }.Requires(ArmPermission.Write(cacheId));

    /// <summary>The PATCH's one field, for Azure Policy's pre-check (the built-in deny asks publicNetworkAccess to be Disabled).</summary>
    private static PlannedWrite PublicNetworkAccessWrite(ResourceId cacheId, string access) =>
        new(cacheId, new Dictionary<string, object> { ["properties"] = new Dictionary<string, string> { ["publicNetworkAccess"] = access } }) { Named = false };
}

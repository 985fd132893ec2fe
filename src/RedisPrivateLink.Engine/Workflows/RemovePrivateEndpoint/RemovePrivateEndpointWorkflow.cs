using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Remove-RedisPrivateEndpoint: validates with ARM reads only, then returns a plan that, when asked, first deletes the
/// zone's link to the endpoint's network if nothing else there uses it, then the endpoint's DNS zone group (and so its
/// A record), then the endpoint (the cache-side connection goes with it). The zone itself always stays.
/// </summary>
public static class RemovePrivateEndpointWorkflow
{
    /// <summary>The key of the step that deletes the endpoint's DNS zone group <paramref name="groupName"/>.</summary>
    public static string ZoneGroupStepKey(string groupName) => StepKeys.DnsZoneGroup + ":" + groupName;

    /// <summary>The key of the step that deletes the link of private DNS zone <paramref name="zoneId"/>.</summary>
    public static string ZoneLinkStepKey(ResourceId zoneId) => StepKeys.ZoneLink + ":" + (zoneId ?? throw new ArgumentNullException(nameof(zoneId)));

    /// <param name="endpointId">The full ARM id of a private endpoint that connects to a Redis cache.</param>
    /// <param name="force">Removes the cache's last approved endpoint even though public access is Disabled.</param>
    /// <param name="removeDnsZoneLink">Also deletes the zone's link to the endpoint's network when no other endpoint there uses the zone.</param>
    public static async Task<PreparedWorkflow> PrepareAsync(RedisPrivateLinkContext context, string endpointId, bool force, bool removeDnsZoneLink, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        var id = ResourceIdRules.Parse(endpointId, ResourceIdRules.PrivateEndpointType, "ResourceId", allowOtherSubscription: true).ToResourceId();
        var arm = context.GetArmGateway();
        var notices = new List<string>();

        var endpoint = await arm.GetAsync<PrivateEndpoint>(id, cancellationToken).ConfigureAwait(false)
            ?? throw new RedisPrivateLinkException(WorkflowErrorIds.PrivateEndpointNotFound, RedisPrivateLinkErrorCategory.ObjectNotFound,
                $"Private endpoint '{id.Name}' does not exist in resource group '{id.ResourceGroupName}'. Check the name (Get-RedisPrivateEndpoint lists the endpoints of your caches).",
                id.ToString());
        var cacheId = CacheOf(endpoint, id);
        var cache = await ReadCacheAsync(arm, cacheId, notices, cancellationToken).ConfigureAwait(false);
        RequireNotLastWayIn(cache, id, force, notices);

        var groups = await arm.ListAsync<PrivateDnsZoneGroup>(id + "/privateDnsZoneGroups", cancellationToken).ConfigureAwait(false);
        if (cache is not null)
        {
            await NoticeSharedRecordsAsync(arm, cache, id, groups, notices, cancellationToken).ConfigureAwait(false);
        }

        var plan = new Plan($"Removing private endpoint '{id.Name}' of cache '{cacheId.Name}'");

        // The links go first: only the zone groups say which zones the endpoint uses and only the endpoint says which
        // network it is in, so a link deletion that failed after either was gone could never be found by a re-run.
        var linkKeys = removeDnsZoneLink
            ? await AddLinkDeletionsAsync(arm, plan, endpoint, id, groups, notices, cancellationToken).ConfigureAwait(false)
            : new List<string>();
        var groupKeys = new List<string>();
        foreach (var group in groups.Where(g => !string.IsNullOrEmpty(g.Name)))
        {
            var key = ZoneGroupStepKey(group.Name!);
            plan.Add(DeleteStep.Create(arm, key, id.Child("privateDnsZoneGroups", group.Name!), DescribeGroupDeletion(id, group), linkKeys));
            groupKeys.Add(key);
        }

        plan.Add(DeleteStep.Create(arm, StepKeys.PrivateEndpoint, id,
            $"Delete private endpoint '{id.Name}' in '{id.ResourceGroupName}' and with it its connection to cache '{cacheId.Name}'", groupKeys.Concat(linkKeys)));

        return new PreparedWorkflow(plan, cacheId, notices);
    }

    /// <summary>The cache (of either kind) the endpoint connects to, through an automatic or a manual connection.</summary>
    private static ResourceId CacheOf(PrivateEndpoint endpoint, ResourceId endpointId) =>
        PrivateEndpoints.Connections(endpoint)
            .Select(c => ResourceId.TryParse(c.Properties?.PrivateLinkServiceId, out var target) ? target : null)
            .FirstOrDefault(target => target is not null && CacheKind.ForType(target.ResourceType) is not null)
        ?? throw new RedisPrivateLinkException(WorkflowErrorIds.NotARedisPrivateEndpoint, RedisPrivateLinkErrorCategory.InvalidArgument,
            $"Private endpoint '{endpointId.Name}' connects to {PrivateEndpoints.Targets(endpoint)}, not to an Azure Cache for Redis or Azure Managed Redis cache, so this module does not remove it. Remove it with the tools of the service it connects to.",
            endpointId.ToString());

    /// <summary>
    /// The cache, or null when it is gone or the credential can't read it (another tenant's cache): then this removal
    /// has nothing of the cache's to protect or to warn about.
    /// </summary>
    private static async Task<CacheState?> ReadCacheAsync(IArmGateway arm, ResourceId cacheId, ICollection<string> notices, CancellationToken cancellationToken)
    {
        try
        {
            return await CacheKind.Of(cacheId).ReadAsync(arm, cacheId, cancellationToken).ConfigureAwait(false);
        }
        catch (ArmException e) when (e.Status == 403)
        {
            notices.Add($"Cache '{cacheId.Name}' could not be read ({e.Code ?? "HTTP403"}), so whether another approved private endpoint still reaches it was not checked.");
            return null;
        }
    }

    /// <summary>The FAQ: with public access Disabled, a cache is reachable only through its approved private endpoints, so the last of them stays unless forced.</summary>
    /// <remarks>
    /// Only a stated Disabled counts: a Managed Redis cluster that states none is closed to the public only while it has
    /// private endpoints, so removing its last one opens it rather than cutting it off.
    /// </remarks>
    private static void RequireNotLastWayIn(CacheState? cache, ResourceId endpointId, bool force, ICollection<string> notices)
    {
        if (cache is null || !string.Equals(cache.StatedPublicNetworkAccess, PublicNetworkAccessWorkflow.Disabled, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var cacheId = cache.Id;
        var approved = ConnectionStatuses.ConnectionsOf(cache).Where(ConnectionStatuses.IsApproved).ToList();
        if (!approved.Any(c => EndpointOf(c) == endpointId) || approved.Count > 1)
        {
            return;
        }

        if (!force)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.LastPrivateEndpoint, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"Private endpoint '{endpointId.Name}' is the last approved private endpoint of cache '{cacheId.Name}', whose public network access is Disabled: without it the cache becomes unreachable. Enable public access first (Set-RedisPublicNetworkAccess -PublicNetworkAccess Enabled) or add another endpoint (Add-RedisPrivateEndpoint), or pass -Force to remove it anyway.",
                endpointId.ToString());
        }

        notices.Add($"Removing the last approved private endpoint of cache '{cacheId.Name}' with -Force: its public network access is Disabled, so no client can reach it until another private endpoint is approved or public access is Enabled.");
    }

    /// <summary>
    /// Every zone group of the cache's endpoints writes the same record, named after the cache, in a zone they share;
    /// deleting one group deletes that record, so the other endpoints' networks stop resolving the cache.
    /// </summary>
    private static async Task NoticeSharedRecordsAsync(
        IArmGateway arm, CacheState cache, ResourceId endpointId, IReadOnlyList<PrivateDnsZoneGroup> groups, ICollection<string> notices, CancellationToken cancellationToken)
    {
        var cacheId = cache.Id;
        var zoneIds = groups.SelectMany(ZoneGroupContents.ZonesOf).Distinct().ToList();
        var others = ConnectionStatuses.ConnectionsOf(cache).Select(EndpointOf).OfType<ResourceId>().Where(other => other != endpointId).Distinct().ToList();
        if (zoneIds.Count == 0 || others.Count == 0)
        {
            return;
        }

        var sharing = new List<string>();
        foreach (var other in others)
        {
            IReadOnlyList<PrivateDnsZoneGroup> otherGroups;
            try
            {
                otherGroups = await arm.ListAsync<PrivateDnsZoneGroup>(other + "/privateDnsZoneGroups", cancellationToken).ConfigureAwait(false);
            }
            catch (ArmException e) when (e.Status is 403 or 404)
            {
                // An endpoint in a subscription the credential can't read, or one being deleted: nothing to compare.
                continue;
            }

            if (otherGroups.Any(g => ZoneGroupContents.ZonesOf(g).Intersect(zoneIds).Any()))
            {
                sharing.Add($"'{other.Name}'");
            }
        }

        if (sharing.Count > 0)
        {
            notices.Add($"Private endpoint(s) {string.Join(", ", sharing)} of cache '{cacheId.Name}' register it in the same private DNS zone, under the same record '{cache.Kind.RecordName(cacheId.Name, cache.HostName, cache.Location)}': deleting the DNS zone group of '{endpointId.Name}' deletes that record for them too. Afterwards check that their networks still resolve the cache (Test-RedisPrivateConnectivity); if not, delete their DNS zone group and run Add-RedisPrivateEndpoint for them again, which writes the record back.");
        }
    }

    private static ResourceId? EndpointOf(PrivateEndpointConnection connection) =>
        ResourceId.TryParse(connection.Properties?.PrivateEndpoint?.Id, out var endpointId) ? endpointId : null;

    private static string DescribeGroupDeletion(ResourceId endpointId, PrivateDnsZoneGroup group)
    {
        var records = ZoneGroupContents.RecordNamesOf(group);
        var zones = ZoneGroupContents.ZonesOf(group).Select(z => $"'{z.Name}'").ToList();
        var what = records.Count > 0
            ? $"its A record {string.Join(", ", records)}"
            : $"its A records in {(zones.Count > 0 ? string.Join(", ", zones) : "its zones")}";
        return $"Delete DNS zone group '{group.Name}' of private endpoint '{endpointId.Name}', and with it {what}";
    }

    /// <summary>Adds a step for each link that can go, and returns their keys.</summary>
    private static async Task<List<string>> AddLinkDeletionsAsync(
        IArmGateway arm, Plan plan, PrivateEndpoint endpoint, ResourceId endpointId, IReadOnlyList<PrivateDnsZoneGroup> groups, ICollection<string> notices, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        var zoneIds = groups.SelectMany(ZoneGroupContents.ZonesOf).Distinct().ToList();
        if (UnusedZoneLinks.NetworkOf(endpoint) is not { } networkId)
        {
            notices.Add($"Private endpoint '{endpointId.Name}' names no subnet, so no link of a private DNS zone is removed with it.");
            return keys;
        }

        foreach (var (zoneId, linkId) in await UnusedZoneLinks.FindAsync(arm, endpointId, networkId, zoneIds, notices, cancellationToken).ConfigureAwait(false))
        {
            var key = ZoneLinkStepKey(zoneId);
            plan.Add(DeleteStep.Create(arm, key, linkId,
                $"Delete the link '{linkId.Name}' of private DNS zone '{zoneId.Name}' to virtual network '{networkId.Name}' (the zone stays)", null));
            keys.Add(key);
        }

        return keys;
    }
}

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
/// Add-RedisPrivateEndpoint: validates with ARM reads only, then returns one plan — the network (and its resource
/// group) when something must be created or fixed, the private DNS zone, the zone's link to the endpoint's VNet, the
/// endpoint (only after the link: the FAQ's ordering rule), and its DNS zone group.
/// </summary>
public static class AddPrivateEndpointWorkflow
{
    /// <summary>The endpoint's name when none is given: "&lt;cache&gt;-pe-&lt;vnet&gt;", one per VNet.</summary>
    public static string DefaultEndpointName(string cacheName, string virtualNetworkName) => $"{cacheName}-pe-{virtualNetworkName}";

    public static Task<PreparedWorkflow> PrepareAsync(RedisPrivateLinkContext context, AddPrivateEndpointRequest request, CancellationToken cancellationToken) =>
        PrepareAsync(context, request, fleet: null, cancellationToken);

    /// <param name="fleet">
    /// The run's shared reads and endpoint observer, when several inputs are piped: what they share is read once, a
    /// link or zone the run creates is created once, and a new endpoint in an existing subnet is waited for together
    /// with the others' instead of by polling its own operation. Null reads and polls for this input alone.
    /// </param>
    public static async Task<PreparedWorkflow> PrepareAsync(RedisPrivateLinkContext context, AddPrivateEndpointRequest request, EndpointFleet? fleet, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var arm = context.GetArmGateway();
        if (fleet is not null && fleet.Arm != arm)
        {
            throw new ArgumentException("The fleet belongs to another context's gateway.", nameof(fleet));
        }

        IArmGateway reads = fleet is null ? arm : fleet.Reads;
        var (cacheId, cacheReadByName) = request.CacheId is null && request.CacheName is not null
            ? await CacheByName.FindAsync(arm, context.SubscriptionId, request.CacheResourceGroupName ?? string.Empty, request.CacheName, "CacheName", "ResourceId", cancellationToken).ConfigureAwait(false)
            : (CacheKind.ParseCacheId(request.CacheId, "CacheId"), null);
        await SubscriptionAccess.RequireVisibleAsync(context, cacheId, "CacheId", cancellationToken).ConfigureAwait(false);
        NameRules.ValidateTags(request.Tags?.Select(tag => new KeyValuePair<string, string?>(tag.Key, tag.Value)));
        if (request.Location is not null)
        {
            LocationRules.RequireKnownRegion(request.Location, AzureRegions.KnownFor(context));
        }

        // The location of a new VNet is filled in once the cache has been read.
        var networkRequest = NetworkRequest.For(request, request.VirtualNetworkResourceGroupName ?? cacheId.ResourceGroupName!, string.Empty, request.VirtualNetworkResourceGroupName, request.Location);
        EndpointNetworkResolver.ValidateParameters(networkRequest);
        var resolutionPolicy = ResolutionPolicyRules.Parse(request.ResolutionPolicy);
        PolicyZoneGroupStep.ValidateParameters(request.PrivateDnsZoneGroupByPolicy, request.PrivateDnsZoneId, request.PrivateDnsZoneResourceGroupName, request.ResolutionPolicy);
        var notices = new List<string>();

        var cache = await RequireEndpointCapableCacheAsync(reads, cacheId, request.CacheId is null, cacheReadByName, cancellationToken).ConfigureAwait(false);
        fleet?.RememberPrepared(cache);
        networkRequest.NewNetworkLocation = request.Location ?? LocationRules.Normalize(cache.Location, "CacheLocation");

        var network = await EndpointNetworkResolver.ResolveAsync(context, context.SubscriptionId, networkRequest, notices, cancellationToken, reads).ConfigureAwait(false);
        var endpointGroupName = request.ResourceGroupName ?? network.VirtualNetworkId.ResourceGroupName!;
        NameRules.ValidateResourceGroupName(endpointGroupName);
        var endpointName = request.Name ?? DefaultEndpointName(cacheId.Name, network.VirtualNetworkName);
        NameRules.ValidatePrivateEndpointName(endpointName, "Name");
        var endpointId = PrivateEndpoints.IdFor(network.VirtualNetworkId, cacheId, endpointGroupName, endpointName);

        // One zone per cache by default: every endpoint registers where New-RedisPrivateCache put the first one.
        var target = await cache.Kind.ResolvePrivateLinkAsync(arm, cache, context.CloudEnvironment, cancellationToken).ConfigureAwait(false);
        var definition = new EndpointDefinition(endpointId, cacheId, network)
        {
            ManualApproval = request.ManualApproval,
            RequestMessage = request.RequestMessage,
            Tags = request.Tags,
            GroupId = target.GroupId,
        };
        var zoneChoice = new PrivateDnsZoneChoice(target.ZoneName, request.PrivateDnsZoneId, request.PrivateDnsZoneResourceGroupName, ResourceId.ForResourceGroup(cacheId.SubscriptionId, cacheId.ResourceGroupName!));
        // With the policy's zone group, what the site says about our zone and link does not apply: no zone or link is made.
        var site = await PrivateLinkSite.ReadAsync(context, definition, zoneChoice, resolutionPolicy, request.PrivateDnsZoneGroupByPolicy ? new List<string>() : notices, cancellationToken, reads: reads).ConfigureAwait(false);
        if (!site.EndpointExists && !request.PrivateDnsZoneGroupByPolicy)
        {
            await NoticeSharedRecordAsync(reads, site.Zone, target.RecordName, notices, cancellationToken).ConfigureAwait(false);
        }

        if (request.ManualApproval)
        {
            notices.Add($"The endpoint's connection will stay Pending until the owner of cache '{cacheId.Name}' approves it; until then the cache name does not reach the cache through it.");
        }

        // The endpoint, its network and the DNS zone are Microsoft.Network's; the cache's namespace is in use already.
        Task<IReadOnlyList<string>> ReadUnregistered() => ResourceProviderSteps.UnregisteredAsync(arm, endpointId.SubscriptionId, new[] { ResourceProviderSteps.Network }, cancellationToken);
        var unregistered = await (fleet is null ? ReadUnregistered() : fleet.UnregisteredAsync(endpointId.SubscriptionId, ReadUnregistered)).ConfigureAwait(false);
        var plan = await BuildPlanAsync(arm, reads, fleet?.Observer, site, cache.IsSettling ? cache : null, request.PrivateDnsZoneGroupByPolicy ? (context.Clock, target.RecordName) : null, cancellationToken).ConfigureAwait(false);
        return new PreparedWorkflow(ResourceProviderSteps.RegisteringFirst(plan, arm, endpointId.SubscriptionId, unregistered), cacheId, notices);
    }

    /// <summary>
    /// The cache the plan served, for the cmdlet's output: read again, with its endpoints in detail. In a fleet run whose
    /// observer saw this input's new endpoint provisioned, the cache is the one preparation read (adding an endpoint
    /// changes nothing else of it) with that endpoint as the observer's list showed it (DNS records from its
    /// customDnsConfigs, as Get-RedisPrivateCache lists them): no read of the cache, the endpoint, its zone group or A record.
    /// </summary>
    public static async Task<RedisPrivateCache?> ReadResultAsync(RedisPrivateLinkContext context, PreparedWorkflow prepared, EndpointFleet? fleet, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        if (prepared is null)
        {
            throw new ArgumentNullException(nameof(prepared));
        }

        var reader = new CacheReader(context.GetArmGateway(), context.SubscriptionId);
        if (fleet is null)
        {
            return await reader.GetAsync(prepared.CacheId, cancellationToken).ConfigureAwait(false);
        }

        var endpointStep = prepared.Plan.Steps.FirstOrDefault(step => step.Key == StepKeys.PrivateEndpoint);
        if (endpointStep is not null && ResourceId.TryParse(endpointStep.Target, out var endpointId)
            && fleet.Observer.Provisioned(endpointId!) is { } created && fleet.PreparedCache(prepared.CacheId) is { } prepareRead)
        {
            return await reader.InDetailAsync(prepareRead, fleet.Observer.Provisioned, created, cancellationToken).ConfigureAwait(false);
        }

        return await reader.GetAsync(prepared.CacheId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The cache, which must exist, be reached through Private Link rather than VNet injection, and be running; read
    /// here unless the lookup by name has just read it (<paramref name="readByName"/>, null when no cache has the name).
    /// </summary>
    private static async Task<CacheState> RequireEndpointCapableCacheAsync(IArmGateway arm, ResourceId cacheId, bool foundByName, CacheState? readByName, CancellationToken cancellationToken)
    {
        var kind = CacheKind.Of(cacheId);
        var cache = (foundByName ? readByName : await kind.ReadAsync(arm, cacheId, cancellationToken).ConfigureAwait(false))
            ?? throw MissingCache.Error(cacheId);
        CacheChecks.RequireNotVNetInjected(cache);
        CacheChecks.RequireReady(cache);
        return cache;
    }

    /// <summary>
    /// A zone group writes the cache's A record (<paramref name="recordName"/>) with its own endpoint's address, replacing
    /// the address another endpoint's group wrote there: every VNet linked to the zone then resolves the cache to the new endpoint.
    /// </summary>
    private static async Task NoticeSharedRecordAsync(IArmGateway arm, PrivateDnsZoneTarget zone, string recordName, ICollection<string> notices, CancellationToken cancellationToken)
    {
        if (!zone.Exists)
        {
            return;
        }

        var record = await arm.GetAsync<ARecordSet>(zone.ZoneId.Child("A", recordName), cancellationToken).ConfigureAwait(false);
        var addresses = (record?.Properties?.ARecords ?? new List<ARecord>()).Select(a => a.Ipv4Address).OfType<string>().ToList();
        if (addresses.Count > 0)
        {
            notices.Add($"Private DNS zone '{zone.ZoneId.Name}' already resolves '{recordName}' to {string.Join(", ", addresses)} (another private endpoint). The new endpoint's DNS zone group will point that record at its own address, for every virtual network linked to the zone; if those networks cannot reach the new endpoint (no peering), give -PrivateDnsZoneResourceGroupName or -PrivateDnsZoneId of a separate zone for this virtual network.");
        }
    }

    /// <param name="reads">The gateway of the shared reads and writes (resource groups, network, zone, link): the run's, or <paramref name="arm"/>.</param>
    /// <param name="observer">Waits for a new endpoint with the run's others; null polls its own operation.</param>
    /// <param name="settlingCache">The cache when it is being created, updated or scaled: the endpoint waits for it to be idle.</param>
    /// <param name="byPolicy">With -PrivateDnsZoneGroupByPolicy, the clock and the cache's record name: no zone or link, and the policy's zone group waited for.</param>
    private static async Task<Plan> BuildPlanAsync(IArmGateway arm, IArmGateway reads, PrivateEndpointFleetObserver? observer, PrivateLinkSite site, CacheState? settlingCache, (AzureClock Clock, string RecordName)? byPolicy, CancellationToken cancellationToken)
    {
        var endpoint = site.Definition;
        var network = endpoint.Network;
        var plan = new Plan($"Adding private endpoint '{endpoint.EndpointId.Name}' to cache '{endpoint.CacheId.Name}'");
        var networkGroupId = ResourceId.ForResourceGroup(network.VirtualNetworkId.SubscriptionId, network.VirtualNetworkId.ResourceGroupName!);
        var endpointGroupId = ResourceId.ForResourceGroup(endpoint.EndpointId.SubscriptionId, endpoint.EndpointId.ResourceGroupName!);

        // The cache's resource group exists (the cache was just read there), so only another group is read.
        var cacheGroupId = ResourceId.ForResourceGroup(endpoint.CacheId.SubscriptionId, endpoint.CacheId.ResourceGroupName!);
        var networkGroupMissing = !network.NetworkExists && networkGroupId != cacheGroupId && await reads.GetAsync<ResourceGroup>(networkGroupId, cancellationToken).ConfigureAwait(false) is null;
        if (networkGroupMissing)
        {
            plan.Add(ResourceGroupStep.Create(reads, StepKeys.ResourceGroup, networkGroupId, network.Location, exists: false, endpoint.Tags));
        }

        var endpointGroupMissing = endpointGroupId != networkGroupId && endpointGroupId != cacheGroupId && await reads.GetAsync<ResourceGroup>(endpointGroupId, cancellationToken).ConfigureAwait(false) is null;
        if (endpointGroupMissing)
        {
            plan.Add(ResourceGroupStep.Create(reads, StepKeys.EndpointResourceGroup, endpointGroupId, network.Location, exists: false, endpoint.Tags));
        }

        var hasNetworkStep = network.Action != SubnetAction.UseAsIs || network.NeedsResend;
        if (hasNetworkStep)
        {
            plan.Add(NetworkStep.Create(reads, network, StepKeys.Selected((networkGroupMissing, StepKeys.ResourceGroup))));
        }

        if (byPolicy is null)
        {
            site.AddZone(plan, reads, Array.Empty<string>());
            site.AddZoneLink(plan, reads, hasNetworkStep);
        }

        if (settlingCache is not null)
        {
            plan.Add(CacheSettlingStep.Create(arm, settlingCache));
        }

        var after = StepKeys.Selected((settlingCache is not null, StepKeys.Cache), (hasNetworkStep, StepKeys.Network), (endpointGroupMissing, StepKeys.EndpointResourceGroup),
            (networkGroupMissing && endpointGroupId == networkGroupId, StepKeys.ResourceGroup));
        if (byPolicy is { } policy)
        {
            site.AddEndpointWithPolicyZoneGroup(plan, arm, policy.Clock, policy.RecordName, new CacheReadiness(isReady: true), after);
        }
        else
        {
            // An endpoint in a subnet the plan writes may find it still Updating, an operation failure the gateway's own
            // polling sends again (RetryableError): only an endpoint in a subnet used as it is waits with the others.
            site.AddEndpoint(plan, arm, new CacheReadiness(isReady: true), after, hasNetworkStep ? null : observer);
        }

        return plan;
    }
}

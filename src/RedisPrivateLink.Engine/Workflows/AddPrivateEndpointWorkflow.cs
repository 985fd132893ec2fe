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

    public static async Task<PreparedWorkflow> PrepareAsync(RedisPrivateLinkContext context, AddPrivateEndpointRequest request, CancellationToken cancellationToken)
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
        var (cacheId, cacheReadByName) = request.CacheId is null && request.CacheName is not null
            ? await CacheKind.FindCacheByNameAsync(arm, context.SubscriptionId, request.CacheResourceGroupName ?? string.Empty, request.CacheName, "CacheName", "ResourceId", cancellationToken).ConfigureAwait(false)
            : (CacheKind.ParseCacheId(request.CacheId, "CacheId", context.SubscriptionId), null);
        NameRules.ValidateTags(request.Tags?.Select(tag => new KeyValuePair<string, string?>(tag.Key, tag.Value)));
        if (request.Location is not null)
        {
            LocationRules.RequireKnownRegion(request.Location, AzureRegions.KnownFor(context));
        }

        var networkRequest = NetworkRequestFor(request, cacheId);
        EndpointNetworkResolver.ValidateParameters(networkRequest);
        var resolutionPolicy = ResolutionPolicyRules.Parse(request.ResolutionPolicy);
        var notices = new List<string>();

        var cache = await RequireEndpointCapableCacheAsync(arm, cacheId, request.CacheId is null, cacheReadByName, cancellationToken).ConfigureAwait(false);
        networkRequest.NewNetworkLocation = request.Location ?? LocationRules.Normalize(cache.Location, "CacheLocation");

        var network = await EndpointNetworkResolver.ResolveAsync(arm, context.SubscriptionId, networkRequest, notices, cancellationToken).ConfigureAwait(false);
        var endpointGroupName = request.ResourceGroupName ?? network.VirtualNetworkId.ResourceGroupName!;
        NameRules.ValidateResourceGroupName(endpointGroupName);
        var endpointName = request.Name ?? DefaultEndpointName(cacheId.Name, network.VirtualNetworkName);
        NameRules.ValidatePrivateEndpointName(endpointName, "Name");
        var endpointId = ResourceId.ForResource(context.SubscriptionId, endpointGroupName, ResourceIdRules.PrivateEndpointType, endpointName);
        var endpoint = await arm.GetAsync<PrivateEndpoint>(endpointId, cancellationToken).ConfigureAwait(false);
        if (endpoint is not null && !PrivateEndpoints.ConnectsTo(endpoint, cacheId))
        {
            throw PrivateEndpoints.NameInUse(endpointId, endpoint, cacheId);
        }

        // One zone per cache by default: every endpoint registers where New-RedisPrivateCache put the first one.
        var target = await cache.Kind.ResolvePrivateLinkAsync(arm, cache, context.CloudEnvironment, cancellationToken).ConfigureAwait(false);
        var zone = await PrivateDnsZoneResolver.ResolveAsync(context, target.ZoneName, request.PrivateDnsZoneId, request.PrivateDnsZoneResourceGroupName, cacheId.ResourceGroupName!, network, cancellationToken).ConfigureAwait(false);
        var link = await ZoneLinks.FindAsync(arm, zone, network.VirtualNetworkId, cancellationToken).ConfigureAwait(false);
        ZoneLinks.NoticeNewLinkResolution(link, zone.ZoneId.Name, network.VirtualNetworkId, resolutionPolicy, notices);
        if (endpoint is null)
        {
            await NoticeSharedRecordAsync(arm, zone, target.RecordName, notices, cancellationToken).ConfigureAwait(false);
        }

        if (request.ManualApproval)
        {
            notices.Add($"The endpoint's connection will stay Pending until the owner of cache '{cacheId.Name}' approves it; until then the cache name does not reach the cache through it.");
        }

        var definition = new EndpointDefinition(endpointId, cacheId, network)
        {
            ManualApproval = request.ManualApproval,
            RequestMessage = request.RequestMessage,
            Tags = request.Tags,
            GroupId = target.GroupId,
        };
        var zoneGroup = endpoint is null ? null : await DnsZoneGroupStep.FindAsync(arm, endpointId, cancellationToken).ConfigureAwait(false);
        var existing = new ExistingResources(resourceGroup: true, cache: true, link?.Name, endpoint is not null, zoneGroup?.Name)
            .WithState(StepKeys.ZoneLink, link?.Properties?.ProvisioningState)
            .WithState(StepKeys.PrivateEndpoint, endpoint?.Properties?.ProvisioningState)
            .WithState(StepKeys.DnsZoneGroup, zoneGroup?.Properties?.ProvisioningState);
        // The endpoint, its network and the DNS zone are Microsoft.Network's; the cache's namespace is in use already.
        var unregistered = await ResourceProviderSteps.UnregisteredAsync(arm, context.SubscriptionId, new[] { ResourceProviderSteps.Network }, cancellationToken).ConfigureAwait(false);
        var plan = await BuildPlanAsync(arm, definition, zone, resolutionPolicy, existing, cache.IsSettling ? cache : null, cancellationToken).ConfigureAwait(false);
        return new PreparedWorkflow(ResourceProviderSteps.RegisteringFirst(plan, arm, context.SubscriptionId, unregistered), cacheId, notices);
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

    /// <summary>The network part of the request; the location of a new VNet is filled in once the cache has been read.</summary>
    private static NetworkRequest NetworkRequestFor(AddPrivateEndpointRequest request, ResourceId cacheId)
    {
        var named = new List<string>();
        NetworkRequest.AddIfGiven(named, "VirtualNetworkName", request.VirtualNetworkName);
        NetworkRequest.AddIfGiven(named, "VirtualNetworkResourceGroupName", request.VirtualNetworkResourceGroupName);
        NetworkRequest.AddIfGiven(named, "AddressPrefix", request.AddressPrefix);
        NetworkRequest.AddIfGiven(named, "SubnetName", request.SubnetName);
        NetworkRequest.AddIfGiven(named, "SubnetPrefix", request.SubnetPrefix);
        NetworkRequest.AddIfGiven(named, "PrivateEndpointNetworkPolicy", request.PrivateEndpointNetworkPolicy);
        NetworkRequest.AddIfGiven(named, "Location", request.Location);
        return new NetworkRequest
        {
            SubnetId = request.SubnetId,
            VirtualNetworkName = request.VirtualNetworkName,
            ResourceGroupName = request.VirtualNetworkResourceGroupName ?? cacheId.ResourceGroupName!,
            AddressPrefix = request.AddressPrefix,
            SubnetName = request.SubnetName,
            SubnetPrefix = request.SubnetPrefix,
            PrivateEndpointNetworkPolicy = request.PrivateEndpointNetworkPolicy,
            Tags = request.Tags,
            NamedNetworkParametersGiven = named,
        };
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

    /// <param name="settlingCache">The cache when it is being created, updated or scaled: the endpoint waits for it to be idle.</param>
    private static async Task<Plan> BuildPlanAsync(IArmGateway arm, EndpointDefinition endpoint, PrivateDnsZoneTarget zone, string? resolutionPolicy, ExistingResources existing, CacheState? settlingCache, CancellationToken cancellationToken)
    {
        var network = endpoint.Network;
        var plan = new Plan($"Adding private endpoint '{endpoint.EndpointId.Name}' to cache '{endpoint.CacheId.Name}'");
        var networkGroupId = ResourceId.ForResourceGroup(network.VirtualNetworkId.SubscriptionId, network.VirtualNetworkId.ResourceGroupName!);
        var endpointGroupId = ResourceId.ForResourceGroup(endpoint.EndpointId.SubscriptionId, endpoint.EndpointId.ResourceGroupName!);

        // The cache's resource group exists (the cache was just read there), so only another group is read.
        var cacheGroupId = ResourceId.ForResourceGroup(endpoint.CacheId.SubscriptionId, endpoint.CacheId.ResourceGroupName!);
        var networkGroupMissing = !network.NetworkExists && networkGroupId != cacheGroupId && await arm.GetAsync<ResourceGroup>(networkGroupId, cancellationToken).ConfigureAwait(false) is null;
        if (networkGroupMissing)
        {
            plan.Add(ResourceGroupStep.Create(arm, StepKeys.ResourceGroup, networkGroupId, network.Location, exists: false, endpoint.Tags));
        }

        var endpointGroupMissing = endpointGroupId != networkGroupId && endpointGroupId != cacheGroupId && await arm.GetAsync<ResourceGroup>(endpointGroupId, cancellationToken).ConfigureAwait(false) is null;
        if (endpointGroupMissing)
        {
            plan.Add(ResourceGroupStep.Create(arm, StepKeys.EndpointResourceGroup, endpointGroupId, network.Location, exists: false, endpoint.Tags));
        }

        var hasNetworkStep = network.Action != SubnetAction.UseAsIs || network.NeedsResend;
        if (hasNetworkStep)
        {
            plan.Add(NetworkStep.Create(arm, network, StepKeys.Selected((networkGroupMissing, StepKeys.ResourceGroup))));
        }

        if (zone.ManagedByPlan)
        {
            plan.Add(PrivateDnsZoneStep.Create(arm, zone, endpoint.Tags, Array.Empty<string>()));
        }

        var alwaysReady = new CacheReadiness(isReady: true);
        plan.Add(ZoneLinkStep.Create(arm, zone, network.VirtualNetworkId, existing.ZoneLinkName, endpoint.Tags, resolutionPolicy,
            StepKeys.Selected((zone.ManagedByPlan, StepKeys.PrivateDnsZone), (hasNetworkStep, StepKeys.Network)), existing.FailedState(StepKeys.ZoneLink)));
        if (settlingCache is not null)
        {
            plan.Add(CacheSettlingStep.Create(arm, settlingCache));
        }

        plan.Add(PrivateEndpointStep.Create(arm, endpoint, existing.PrivateEndpoint, alwaysReady,
            StepKeys.Selected((true, StepKeys.ZoneLink), (settlingCache is not null, StepKeys.Cache), (hasNetworkStep, StepKeys.Network), (endpointGroupMissing, StepKeys.EndpointResourceGroup),
                (networkGroupMissing && endpointGroupId == networkGroupId, StepKeys.ResourceGroup)), existing.FailedState(StepKeys.PrivateEndpoint)));
        plan.Add(DnsZoneGroupStep.Create(arm, endpoint.EndpointId, zone.ZoneId, existing.ZoneGroupName, alwaysReady, new[] { StepKeys.PrivateEndpoint }, existing.FailedState(StepKeys.DnsZoneGroup)));
        return plan;
    }
}

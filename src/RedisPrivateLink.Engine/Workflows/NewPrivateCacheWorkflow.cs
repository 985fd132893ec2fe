using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// New-RedisPrivateCache: validates the whole request with ARM reads only, then returns one plan of idempotent steps —
/// resource group; then together the network, the private DNS zone and the cache; the zone's link to the VNet; the
/// private endpoint once the cache, the subnet and the link are there; and its DNS zone group.
/// </summary>
public static class NewPrivateCacheWorkflow
{
    /// <summary>The endpoint's name when none is given: "&lt;cache&gt;-pe".</summary>
    public static string DefaultEndpointName(string cacheName) => cacheName + "-pe";

    public static async Task<PreparedWorkflow> PrepareAsync(RedisPrivateLinkContext context, NewPrivateCacheRequest request, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var definition = ValidateCache(request, AzureRegions.KnownFor(context));
        var endpointName = request.PrivateEndpointName ?? DefaultEndpointName(request.Name);
        NameRules.ValidatePrivateEndpointName(endpointName);
        var networkRequest = NetworkRequestFor(request, definition);
        EndpointNetworkResolver.ValidateParameters(networkRequest);

        var arm = context.GetArmGateway();
        var notices = new List<string>();
        var subscriptionId = context.SubscriptionId;
        var groupId = ResourceId.ForResourceGroup(subscriptionId, request.ResourceGroupName);
        var cacheId = ResourceId.ForResource(subscriptionId, request.ResourceGroupName, ResourceIdRules.RedisCacheType, request.Name);

        var group = await arm.GetAsync<ResourceGroup>(groupId, cancellationToken).ConfigureAwait(false);
        var cache = group is null ? null : await arm.GetAsync<RedisCache>(cacheId, cancellationToken).ConfigureAwait(false);
        await CheckCacheAsync(arm, cacheId, cache, definition, notices, cancellationToken).ConfigureAwait(false);
        await PersistenceStorageCheck.RequireReachableAsync(arm, subscriptionId, definition.RedisConfiguration, notices, cancellationToken).ConfigureAwait(false);

        var network = await EndpointNetworkResolver.ResolveAsync(arm, subscriptionId, networkRequest, notices, cancellationToken).ConfigureAwait(false);
        if (!LocationRules.AreSame(network.Location, definition.Location))
        {
            notices.Add($"Virtual network '{network.VirtualNetworkName}' is in {network.Location} and the cache in {definition.Location}: the private endpoint goes in {network.Location}, the virtual network's region (a cross-region private endpoint).");
        }

        var zone = await PrivateDnsZoneResolver.ResolveAsync(context, request.PrivateDnsZoneId, request.PrivateDnsZoneResourceGroupName, request.ResourceGroupName, cancellationToken).ConfigureAwait(false);
        var link = await ZoneLinks.FindAsync(arm, zone.ZoneId, network.VirtualNetworkId, cancellationToken).ConfigureAwait(false);

        var endpointId = ResourceId.ForResource(subscriptionId, request.ResourceGroupName, ResourceIdRules.PrivateEndpointType, endpointName);
        var endpoint = group is null ? null : await arm.GetAsync<PrivateEndpoint>(endpointId, cancellationToken).ConfigureAwait(false);
        if (endpoint is not null && !PrivateEndpoints.ConnectsTo(endpoint, cacheId))
        {
            throw PrivateEndpoints.NameInUse(endpointId, endpoint, cacheId);
        }

        var zoneGroup = endpoint is null ? null : await DnsZoneGroupStep.FindAsync(arm, endpointId, cancellationToken).ConfigureAwait(false);
        var existing = new ExistingResources(group is not null, cache is not null, link?.Name, endpoint is not null, zoneGroup?.Name)
            .WithState(StepKeys.Cache, cache?.Properties?.ProvisioningState)
            .WithState(StepKeys.ZoneLink, link?.Properties?.ProvisioningState)
            .WithState(StepKeys.PrivateEndpoint, endpoint?.Properties?.ProvisioningState)
            .WithState(StepKeys.DnsZoneGroup, zoneGroup?.Properties?.ProvisioningState);
        var endpointDefinition = new EndpointDefinition(endpointId, cacheId, network) { Tags = request.Tags };
        var plan = BuildPlan(arm, request, definition, groupId, network, zone, endpointDefinition, existing);
        return new PreparedWorkflow(plan, cacheId, notices);
    }

    /// <summary>A new cache needs a globally free name; an existing one in this group is a re-run, reused as it is.</summary>
    private static async Task CheckCacheAsync(IArmGateway arm, ResourceId cacheId, RedisCache? cache, CacheDefinition definition, ICollection<string> notices, CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            await CacheNameAvailability.RequireAvailableAsync(arm, cacheId.SubscriptionId, cacheId.Name, cancellationToken).ConfigureAwait(false);
            return;
        }

        CacheChecks.RequireNotVNetInjected(cache, cacheId);
        var differences = definition.DifferencesFrom(cache);
        if (differences.Count > 0)
        {
            notices.Add($"Cache '{cacheId.Name}' already exists in '{cacheId.ResourceGroupName}' and is reused as it is, though it differs from the request: {string.Join("; ", differences)}.");
        }
    }

    private static CacheDefinition ValidateCache(NewPrivateCacheRequest request, IReadOnlyList<string>? knownRegions)
    {
        NameRules.ValidateCacheName(request.Name);
        NameRules.ValidateResourceGroupName(request.ResourceGroupName);
        var location = LocationRules.RequireKnownRegion(request.Location, knownRegions);
        var sku = CacheSkuRules.Resolve(request.Sku, request.Size);
        var configuration = CacheSkuRules.ValidateRedisConfiguration(AsDictionary(request.RedisConfiguration));
        var zones = request.Zones ?? Array.Empty<string>();
        CacheSkuRules.ValidateFeatures(sku, new CacheFeatures
        {
            ShardCount = request.ShardCount,
            RedisConfiguration = configuration,
            Zones = zones,
            MinimumTlsVersion = request.MinimumTlsVersion,
        });
        NameRules.ValidateTags(request.Tags?.Select(tag => new KeyValuePair<string, string?>(tag.Key, tag.Value)));
        return new CacheDefinition(location, sku)
        {
            EnableNonSslPort = request.EnableNonSslPort,
            MinimumTlsVersion = request.MinimumTlsVersion ?? CacheSkuRules.RequiredMinimumTlsVersion,
            PublicNetworkAccess = PublicNetworkAccessValue(request.PublicNetworkAccess),
            ShardCount = request.ShardCount,
            RedisConfiguration = configuration,
            Zones = zones,
            Tags = request.Tags,
        };
    }

    private static string PublicNetworkAccessValue(string? value)
    {
        foreach (var allowed in new[] { "Enabled", "Disabled" })
        {
            if (string.Equals(value, allowed, StringComparison.OrdinalIgnoreCase))
            {
                return allowed;
            }
        }

        throw new ValidationException(WorkflowErrorIds.InvalidPublicNetworkAccess, "PublicNetworkAccess",
            $"Public network access '{value}' is not valid. Use Disabled (the default: the cache answers only on its private endpoints) or Enabled.");
    }

    private static IDictionary? AsDictionary(IDictionary<string, string>? configuration) =>
        configuration is null ? null : configuration as IDictionary ?? new Dictionary<string, string>(configuration);

    private static NetworkRequest NetworkRequestFor(NewPrivateCacheRequest request, CacheDefinition definition)
    {
        var named = new List<string>();
        NetworkRequest.AddIfGiven(named, "VirtualNetworkName", request.VirtualNetworkName);
        NetworkRequest.AddIfGiven(named, "AddressPrefix", request.AddressPrefix);
        NetworkRequest.AddIfGiven(named, "SubnetName", request.SubnetName);
        NetworkRequest.AddIfGiven(named, "SubnetPrefix", request.SubnetPrefix);
        return new NetworkRequest
        {
            SubnetId = request.SubnetId,
            VirtualNetworkName = request.VirtualNetworkName,
            ResourceGroupName = request.ResourceGroupName,
            AddressPrefix = request.AddressPrefix,
            SubnetName = request.SubnetName,
            SubnetPrefix = request.SubnetPrefix,
            NewNetworkLocation = definition.Location,
            Tags = request.Tags,
            NamedNetworkParametersGiven = named,
        };
    }

    private static Plan BuildPlan(
        IArmGateway arm, NewPrivateCacheRequest request, CacheDefinition definition, ResourceId groupId,
        EndpointNetwork network, PrivateDnsZoneTarget zone, EndpointDefinition endpoint, ExistingResources existing)
    {
        var plan = new Plan($"Creating private cache '{request.Name}'");
        var readiness = new CacheReadiness(isReady: false);
        plan.Add(ResourceGroupStep.Create(arm, StepKeys.ResourceGroup, groupId, definition.Location, existing.ResourceGroup));

        // A subnet named by -SubnetId is the user's: it gets a step only when its network policies must change, or when
        // it (or its VNet) is Failed, as an earlier run's policy change can leave it.
        var hasNetworkStep = request.SubnetId is null || network.Action == SubnetAction.DisableNetworkPolicies || network.NeedsResend;
        if (hasNetworkStep)
        {
            plan.Add(NetworkStep.Create(arm, network, request.SubnetId is null ? new[] { StepKeys.ResourceGroup } : Array.Empty<string>()));
        }

        if (zone.ManagedByPlan)
        {
            plan.Add(PrivateDnsZoneStep.Create(arm, zone, request.Tags, new[] { StepKeys.ResourceGroup }));
        }

        plan.Add(CacheStep.Create(arm, endpoint.CacheId, definition, existing.Cache, request.NoWait, readiness, new[] { StepKeys.ResourceGroup }, existing.FailedState(StepKeys.Cache)));
        plan.Add(ZoneLinkStep.Create(arm, zone.ZoneId, network.VirtualNetworkId, existing.ZoneLinkName, StepKeys.Selected((zone.ManagedByPlan, StepKeys.PrivateDnsZone), (hasNetworkStep, StepKeys.Network)), existing.FailedState(StepKeys.ZoneLink)));
        plan.Add(PrivateEndpointStep.Create(arm, endpoint, existing.PrivateEndpoint, readiness, StepKeys.Selected((true, StepKeys.Cache), (true, StepKeys.ZoneLink), (hasNetworkStep, StepKeys.Network)), existing.FailedState(StepKeys.PrivateEndpoint)));
        plan.Add(DnsZoneGroupStep.Create(arm, endpoint.EndpointId, zone.ZoneId, existing.ZoneGroupName, readiness, new[] { StepKeys.PrivateEndpoint }, existing.FailedState(StepKeys.DnsZoneGroup)));
        return plan;
    }
}

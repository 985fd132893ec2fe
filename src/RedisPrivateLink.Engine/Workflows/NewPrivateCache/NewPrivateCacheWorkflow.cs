using System;
using System.Collections;
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
/// New-RedisPrivateCache: validates the whole request with ARM reads only, then returns one plan of idempotent steps —
/// resource group; then together the network, the private DNS zone and the cache; the zone's link to the VNet; the
/// private endpoint once the cache, the subnet and the link are there; and its DNS zone group. The cache is a classic
/// Azure Cache for Redis or an Azure Managed Redis cluster with its database, as the SKU (or -Kind) says; the kind
/// decides the cache step, the private link group id and the DNS zone, nothing else.
/// </summary>
public static class NewPrivateCacheWorkflow
{
    private const string DefaultClassicSku = CacheSku.Standard;
    private const string DefaultClassicSize = "C1";
    private const int MaxManagedRedisNameLength = 60;

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
        var networkRequest = NetworkRequest.For(request, request.ResourceGroupName, definition.Location, virtualNetworkResourceGroupParameter: null, locationParameter: null);
        EndpointNetworkResolver.ValidateParameters(networkRequest);
        var resolutionPolicy = ResolutionPolicyRules.Parse(request.ResolutionPolicy);
        PolicyZoneGroupStep.ValidateParameters(request.PrivateDnsZoneGroupByPolicy, request.PrivateDnsZoneId, request.PrivateDnsZoneResourceGroupName, request.ResolutionPolicy);

        var arm = context.GetArmGateway();
        var notices = new List<string>();
        var subscriptionId = context.SubscriptionId;
        var groupId = ResourceId.ForResourceGroup(subscriptionId, request.ResourceGroupName);
        var cacheId = ResourceId.ForResource(subscriptionId, request.ResourceGroupName, definition.Kind.ResourceType, request.Name);

        // A subscription that never used Microsoft.Cache or Microsoft.Network must register them before the first write.
        var unregistered = await ResourceProviderSteps.UnregisteredAsync(arm, subscriptionId, new[] { ResourceProviderSteps.Cache, ResourceProviderSteps.Network }, cancellationToken).ConfigureAwait(false);
        var group = await arm.GetAsync<ResourceGroup>(groupId, cancellationToken).ConfigureAwait(false);
        var cache = group is null ? null : await definition.Kind.ReadAsync(arm, cacheId, cancellationToken).ConfigureAwait(false);
        await definition.ValidateAgainstArmAsync(arm, cacheId, cache is not null, notices, cancellationToken).ConfigureAwait(false);
        CheckExistingCache(cache, definition, notices);

        var network = await EndpointNetworkResolver.ResolveAsync(context, subscriptionId, networkRequest, notices, cancellationToken).ConfigureAwait(false);
        if (!LocationRules.AreSame(network.Location, definition.Location))
        {
            notices.Add($"Virtual network '{network.VirtualNetworkName}' is in {network.Location} and the cache in {definition.Location}: the private endpoint goes in {network.Location}, the virtual network's region (a cross-region private endpoint).");
        }

        var target = cache is null
            ? definition.Kind.PrivateLinkTargetFor(request.Name, null, definition.Location, context.CloudEnvironment)
            : await definition.Kind.ResolvePrivateLinkAsync(arm, cache, context.CloudEnvironment, cancellationToken).ConfigureAwait(false);
        var endpointId = PrivateEndpoints.IdFor(network.VirtualNetworkId, cacheId, resourceGroupName: null, endpointName);
        var endpoint = new EndpointDefinition(endpointId, cacheId, network) { Tags = request.Tags, GroupId = target.GroupId };
        var zoneChoice = new PrivateDnsZoneChoice(target.ZoneName, request.PrivateDnsZoneId, request.PrivateDnsZoneResourceGroupName, groupId);
        // An endpoint in a spoke's subscription goes in its network's group, which exists; the cache's group may not yet.
        var endpointGroupExists = group is not null || ResourceId.ForResourceGroup(endpointId.SubscriptionId, endpointId.ResourceGroupName!) != groupId;
        // With the policy's zone group, what the site says about our zone and link does not apply: no zone or link is made.
        var siteNotices = request.PrivateDnsZoneGroupByPolicy ? new List<string>() : notices;
        var site = await PrivateLinkSite.ReadAsync(context, endpoint, zoneChoice, resolutionPolicy, siteNotices, cancellationToken, endpointMayExist: endpointGroupExists).ConfigureAwait(false);
        var plan = BuildPlan(arm, request, definition, groupId, group is not null, cache, site, request.PrivateDnsZoneGroupByPolicy ? (context.Clock, target.RecordName) : null);
        return new PreparedWorkflow(ResourceProviderSteps.RegisteringFirst(plan, arm, subscriptionId, unregistered), cacheId, notices);
    }

    /// <summary>
    /// An existing cache of the name in this group is a re-run, reused as it is; a Managed Redis cluster whose create
    /// failed is refused here, before any write, since sending it again does not repair it.
    /// </summary>
    private static void CheckExistingCache(CacheState? cache, ICacheDefinition definition, ICollection<string> notices)
    {
        if (cache is null)
        {
            return;
        }

        if (ManagedRedisCreateFailures.IsCreateFailed(cache))
        {
            throw ManagedRedisCreateFailures.CreateFailed(cache);
        }

        CacheChecks.RequireNotVNetInjected(cache);
        var differences = definition.DifferencesFrom(cache);
        if (differences.Count > 0)
        {
            notices.Add($"Cache '{cache.Id.Name}' already exists in '{cache.Id.ResourceGroupName}' and is reused as it is, though it differs from the request: {string.Join("; ", differences)}.");
        }
    }

    private static ICacheDefinition ValidateCache(NewPrivateCacheRequest request, IReadOnlyList<string>? knownRegions)
    {
        NameRules.ValidateCacheName(request.Name);
        NameRules.ValidateResourceGroupName(request.ResourceGroupName);
        var location = LocationRules.RequireKnownRegion(request.Location, knownRegions);
        NameRules.ValidateTags(request.Tags?.Select(tag => new KeyValuePair<string, string?>(tag.Key, tag.Value)));
        var publicNetworkAccess = PublicNetworkAccessValue(request.PublicNetworkAccess);
        return KindOf(request) == CacheKind.ManagedRedis
            ? ValidateManagedRedis(request, location, publicNetworkAccess)
            : ValidateClassic(request, location, publicNetworkAccess);
    }

    /// <summary>-Kind when given (it must agree with -Sku), else the kind -Sku names; classic when neither says.</summary>
    private static CacheKind KindOf(NewPrivateCacheRequest request)
    {
        var skuIsManagedRedis = ManagedRedisSkuRules.IsManagedRedisSku(request.Sku);
        if (request.Kind is null)
        {
            return skuIsManagedRedis ? CacheKind.ManagedRedis : CacheKind.Classic;
        }

        var kind = CacheKind.Parse(request.Kind);
        if (kind == CacheKind.ManagedRedis && request.Sku is not null && !skuIsManagedRedis)
        {
            var size = request.Size ?? DefaultClassicSize;
            var advice = CacheSkuRules.IsClassicSkuName(request.Sku)
                ? $" {request.Sku} {size} maps to {ManagedRedisSkuMapping.For(CacheSkuRules.Resolve(request.Sku, size)).ManagedRedisSku}."
                : string.Empty;
            throw new ValidationException(ValidationErrorIds.CacheKindMismatch, "Sku",
                $"-Kind ManagedRedis needs an Azure Managed Redis SKU, but -Sku is {NameRules.Quote(request.Sku)}.{advice} Give a Managed Redis SKU such as Balanced_B1, or leave -Sku out for Balanced_B1.");
        }

        if (kind == CacheKind.Classic && skuIsManagedRedis)
        {
            throw new ValidationException(ValidationErrorIds.CacheKindMismatch, "Sku",
                $"-Kind Classic needs -Sku Basic, Standard or Premium, but {request.Sku} is an Azure Managed Redis SKU. Remove -Kind Classic to create a Managed Redis cache, or give a classic SKU.");
        }

        return kind;
    }

    private static CacheDefinition ValidateClassic(NewPrivateCacheRequest request, string location, string publicNetworkAccess)
    {
        RequireNotGiven("HighAvailability", request.HighAvailability is not null, ValidationErrorIds.ManagedRedisOnlyFeature, "Azure Managed Redis");
        RequireNotGiven("ClusteringPolicy", request.ClusteringPolicy is not null, ValidationErrorIds.ManagedRedisOnlyFeature, "Azure Managed Redis");
        RequireNotGiven("EvictionPolicy", request.EvictionPolicy is not null, ValidationErrorIds.ManagedRedisOnlyFeature, "Azure Managed Redis");
        RequireNotGiven("Module", request.Modules is { Length: > 0 }, ValidationErrorIds.ManagedRedisOnlyFeature, "Azure Managed Redis");
        RequireNotGiven("EnableAccessKeysAuthentication", request.EnableAccessKeysAuthentication, ValidationErrorIds.ManagedRedisOnlyFeature, "Azure Managed Redis");
        RequireNotGiven("Persistence", request.Persistence is not null, ValidationErrorIds.ManagedRedisOnlyFeature, "Azure Managed Redis", " A Premium cache persists through -RedisConfiguration (rdb-backup-enabled and its storage account).");
        var sku = CacheSkuRules.Resolve(request.Sku ?? DefaultClassicSku, request.Size ?? DefaultClassicSize);
        var configuration = CacheSkuRules.ValidateRedisConfiguration(AsDictionary(request.RedisConfiguration));
        var zones = request.Zones ?? Array.Empty<string>();
        CacheSkuRules.ValidateFeatures(sku, new CacheFeatures
        {
            ShardCount = request.ShardCount,
            RedisConfiguration = configuration,
            Zones = zones,
            MinimumTlsVersion = request.MinimumTlsVersion,
        });
        return new CacheDefinition(location, sku)
        {
            EnableNonSslPort = request.EnableNonSslPort,
            MinimumTlsVersion = request.MinimumTlsVersion ?? CacheSkuRules.RequiredMinimumTlsVersion,
            PublicNetworkAccess = publicNetworkAccess,
            ShardCount = request.ShardCount,
            RedisConfiguration = configuration,
            Zones = zones,
            Tags = request.Tags,
        };
    }

    private static ManagedRedisDefinition ValidateManagedRedis(NewPrivateCacheRequest request, string location, string publicNetworkAccess)
    {
        const string Classic = "Azure Cache for Redis (Basic, Standard, Premium)";
        if (request.Name.Length > MaxManagedRedisNameLength)
        {
            throw new ValidationException(ValidationErrorIds.InvalidCacheName, "Name",
                $"Cache name '{request.Name}' is {request.Name.Length} characters long, and an Azure Managed Redis cache name has at most {MaxManagedRedisNameLength}. Choose a shorter name.");
        }

        RequireNotGiven("Size", request.Size is not null, ValidationErrorIds.ClassicOnlyFeature, Classic, " The Managed Redis SKU names the size (Balanced_B5 is 6 GB).");
        RequireNotGiven("ShardCount", request.ShardCount is not null, ValidationErrorIds.ClassicOnlyFeature, Classic, " Managed Redis shards on its own; choose -ClusteringPolicy instead.");
        RequireNotGiven("RedisConfiguration", request.RedisConfiguration is { Count: > 0 }, ValidationErrorIds.ClassicOnlyFeature, Classic, " Use -EvictionPolicy and -Module for the database.");
        RequireNotGiven("EnableNonSslPort", request.EnableNonSslPort, ValidationErrorIds.ClassicOnlyFeature, Classic, " Managed Redis answers only on its TLS port 10000.");
        RequireNotGiven("Zone", request.Zones is { Length: > 0 }, ValidationErrorIds.ClassicOnlyFeature, Classic, " A Managed Redis cache is zone-redundant when -HighAvailability is Enabled (the default).");
        if (request.MinimumTlsVersion is { } tls && tls != CacheSkuRules.RequiredMinimumTlsVersion)
        {
            throw new ValidationException(ValidationErrorIds.InvalidMinimumTlsVersion, "MinimumTlsVersion",
                $"Minimum TLS version '{tls}' is not allowed: TLS 1.0 and 1.1 are retired. Use {CacheSkuRules.RequiredMinimumTlsVersion} or leave -MinimumTlsVersion out.");
        }

        var sku = request.Sku is null ? ManagedRedisSkuMapping.For(DefaultClassicSize).ManagedRedisSku : ManagedRedisSkuRules.ParseSkuName(request.Sku);
        return new ManagedRedisDefinition(location, sku)
        {
            HighAvailability = HighAvailabilityValue(request.HighAvailability),
            MinimumTlsVersion = CacheSkuRules.RequiredMinimumTlsVersion,
            PublicNetworkAccess = publicNetworkAccess,
            ClusteringPolicy = ManagedRedisSkuRules.ParseClusteringPolicy(request.ClusteringPolicy),
            EvictionPolicy = ManagedRedisSkuRules.ParseEvictionPolicy(request.EvictionPolicy),
            Modules = ManagedRedisSkuRules.ParseModules(request.Modules),
            EnableAccessKeysAuthentication = request.EnableAccessKeysAuthentication,
            Persistence = ManagedRedisSkuRules.ParsePersistence(request.Persistence),
            Tags = request.Tags,
        };
    }

    private static void RequireNotGiven(string parameterName, bool given, string errorId, string kindName, string advice = "")
    {
        if (given)
        {
            throw new ValidationException(errorId, parameterName,
                $"-{parameterName} applies only to {kindName} caches, and this request creates {(errorId == ValidationErrorIds.ClassicOnlyFeature ? "an Azure Managed Redis" : "an Azure Cache for Redis")} cache. Remove -{parameterName}.{advice}");
        }
    }

    private static string HighAvailabilityValue(string? value)
    {
        if (value is null)
        {
            return PublicNetworkAccessWorkflow.Enabled;
        }

        foreach (var allowed in new[] { PublicNetworkAccessWorkflow.Enabled, PublicNetworkAccessWorkflow.Disabled })
        {
            if (string.Equals(value, allowed, StringComparison.OrdinalIgnoreCase))
            {
                return allowed;
            }
        }

        throw new ValidationException(ValidationErrorIds.InvalidHighAvailability, "HighAvailability",
            $"High availability '{value}' is not valid. Use Enabled (the default: a replica, zone-redundant where the region has zones) or Disabled (one node, no SLA; for development).");
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

    /// <param name="byPolicy">With -PrivateDnsZoneGroupByPolicy, the clock and the cache's record name: no zone or link, and the policy's zone group waited for.</param>
    private static Plan BuildPlan(IArmGateway arm, NewPrivateCacheRequest request, ICacheDefinition definition, ResourceId groupId, bool groupExists, CacheState? cache, PrivateLinkSite site, (AzureClock Clock, string RecordName)? byPolicy)
    {
        var plan = new Plan($"Creating private cache '{request.Name}'");
        var readiness = new CacheReadiness(isReady: false);
        plan.Add(ResourceGroupStep.Create(arm, StepKeys.ResourceGroup, groupId, definition.Location, groupExists, request.Tags));

        // A subnet named by -SubnetId is the user's and is used as it is: it gets a step only when it (or its VNet) is
        // Failed, to send it again unchanged.
        var network = site.Definition.Network;
        var hasNetworkStep = request.SubnetId is null || network.NeedsResend;
        if (hasNetworkStep)
        {
            plan.Add(NetworkStep.Create(arm, network, request.SubnetId is null ? new[] { StepKeys.ResourceGroup } : Array.Empty<string>()));
        }

        if (byPolicy is not null)
        {
            plan.Add(definition.CreateStep(arm, site.Definition.CacheId, cache is not null, request.NoWait, readiness, new[] { StepKeys.ResourceGroup }, FailedProvisioning.StateIfFailed(cache?.ProvisioningState)));
            site.AddEndpointWithPolicyZoneGroup(plan, arm, byPolicy.Value.Clock, byPolicy.Value.RecordName, readiness, StepKeys.Selected((true, StepKeys.Cache), (hasNetworkStep, StepKeys.Network)));
            return plan;
        }

        site.AddZone(plan, arm, new[] { StepKeys.ResourceGroup });
        plan.Add(definition.CreateStep(arm, site.Definition.CacheId, cache is not null, request.NoWait, readiness, new[] { StepKeys.ResourceGroup }, FailedProvisioning.StateIfFailed(cache?.ProvisioningState)));
        site.AddZoneLink(plan, arm, hasNetworkStep);
        site.AddEndpoint(plan, arm, readiness, StepKeys.Selected((true, StepKeys.Cache), (hasNetworkStep, StepKeys.Network)));
        return plan;
    }
}

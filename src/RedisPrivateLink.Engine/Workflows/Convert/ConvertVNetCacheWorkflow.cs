using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Convert-VNetCacheToPrivateEndpoint: validates with ARM reads only, then returns one plan that moves a VNet-injected
/// cache to Private Link — a target cache with the source's configuration, public access Disabled and a private
/// endpoint registered in the private DNS zone, the data moved by export and import when asked, and the source deleted
/// only once the target is verified (side by side) or exported (same name). Progress is recorded in tags on Azure, so
/// the same request run again after any interruption continues where it stopped. With -TargetSku the target is an
/// Azure Managed Redis cache instead (side by side only), built by <see cref="ConvertManagedRedisTarget"/>.
/// </summary>
public static class ConvertVNetCacheWorkflow
{
    public static async Task<PreparedWorkflow> PrepareAsync(RedisPrivateLinkContext context, ConvertVNetCacheRequest request, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var sourceId = ResourceIdRules.Parse(request.SourceCacheId, ResourceIdRules.RedisCacheType, "SourceCacheId").ToResourceId();
        var targetSku = ConvertTargetSku.Parse(request.TargetSku);
        ConvertRequestRules.ValidateStrategy(request, targetSku);
        var container = ConvertRequestRules.ValidateDataMigration(request, sourceId, targetSku);
        if (container is not null && ExportImportSasLifetime.Check(container, DateTimeOffset.UtcNow, ExportImportSasLifetime.RequiredValidity(context.Clock)) is { } sasNote)
        {
            OperationReporter.Current.Verbose(sasNote);
        }
        ConvertRequestRules.ValidateSubnetParameters(request);
        var resolutionPolicy = ResolutionPolicyRules.Parse(request.ResolutionPolicy);
        if (request.PrivateEndpointName is not null)
        {
            NameRules.ValidatePrivateEndpointName(request.PrivateEndpointName);
        }

        var arm = context.GetArmGateway();
        await SubscriptionAccess.RequireVisibleAsync(context, sourceId, "ResourceId", cancellationToken).ConfigureAwait(false);
        var notices = new List<string>();
        var targetId = request.ReuseName
            ? sourceId
            : ResourceId.ForResource(sourceId.SubscriptionId, sourceId.ResourceGroupName!, targetSku is null ? ResourceIdRules.RedisCacheType : CacheKind.ManagedRedis.ResourceType, request.NewName!);
        var migration = new ConvertMigration(sourceId, targetId, request.ReuseName, container);

        var (source, target, recorded) = await MigrationCaches.ReadAsync(arm, migration, notices, cancellationToken).ConfigureAwait(false);
        if (source is null && recorded is null && MigrationTags.StageOf(target) == MigrationStage.Complete)
        {
            return await PrepareCompletedAsync(context, request, migration, target!, cancellationToken).ConfigureAwait(false);
        }

        var injectedSubnetId = source?.InjectedSubnetId ?? MigrationCaches.InjectedSubnetRecordedOn((target ?? recorded)!, migration);
        var location = LocationRules.Normalize((source?.Cache ?? target ?? recorded)!.Location, "CacheLocation");
        var builder = new ConvertPlanBuilder(arm, context.Clock, new Plan($"Moving VNet-injected cache '{sourceId.Name}' to Private Link as '{targetId.Name}'"), migration, request.KeepSource);
        var reuseNameTarget = source is not null && request.ReuseName ? builder.ReuseNameTarget(source, injectedSubnetId) : null;
        if (reuseNameTarget is not null)
        {
            var groupTags = await MigrationTargetRecord.ReadTagsAsync(arm, targetId, cancellationToken).ConfigureAwait(false);
            MigrationTargetRecord.RequireRoom(targetId, groupTags, MigrationTargetRecord.Encode(targetId, reuseNameTarget).Count);
        }

        var network = await ResolveEndpointNetworkAsync(context, request, injectedSubnetId, location, notices, cancellationToken).ConfigureAwait(false);

        var privateLink = await ResolvePrivateLinkAsync(context, migration, location, cancellationToken).ConfigureAwait(false);
        var endpointName = request.PrivateEndpointName ?? NewPrivateCacheWorkflow.DefaultEndpointName(targetId.Name);
        var endpointId = PrivateEndpoints.IdFor(network.VirtualNetworkId, targetId, resourceGroupName: null, endpointName);
        var endpoint = new EndpointDefinition(endpointId, targetId, network) { GroupId = privateLink.GroupId };
        var zoneChoice = new PrivateDnsZoneChoice(privateLink.ZoneName, request.PrivateDnsZoneId, request.PrivateDnsZoneResourceGroupName, ResourceId.ForResourceGroup(sourceId.SubscriptionId, sourceId.ResourceGroupName!));
        var site = await PrivateLinkSite.ReadAsync(context, endpoint, zoneChoice, resolutionPolicy, notices, cancellationToken).ConfigureAwait(false);
        if (targetSku is not null)
        {
            return PrepareManagedRedis(arm, context.Clock, request, migration, targetSku, source, target, injectedSubnetId, location, site, notices);
        }

        ConvertNotices.Add(notices, request, migration, source, target, recorded is not null);
        if (source is not null)
        {
            ConvertRequestRules.RequireStorageIdentity(migration, source, notices);
        }
        builder.AddPrivateLinkSite(site);
        if (recorded is not null)
        {
            builder.AddStepsFromRecord(recorded);
        }
        else if (source is null)
        {
            builder.AddStepsAfterSourceDeleted((RedisCache)target!);
        }
        else if (reuseNameTarget is not null)
        {
            builder.AddReuseNameSteps(source, reuseNameTarget);
        }
        else
        {
            builder.AddNewNameSteps(source, target, injectedSubnetId);
        }

        return new PreparedWorkflow(builder.Plan, targetId, notices);
    }

    /// <summary>
    /// A complete migration run again: the source is gone and the target names it without a stage (its bookkeeping
    /// tags, the injected subnet among them, were removed on completion). The plan only verifies the target, reading.
    /// </summary>
    private static async Task<PreparedWorkflow> PrepareCompletedAsync(RedisPrivateLinkContext context, ConvertVNetCacheRequest request, ConvertMigration migration, ArmResource target, CancellationToken cancellationToken)
    {
        var location = LocationRules.Normalize(target.Location, "CacheLocation");
        var privateLink = await ResolvePrivateLinkAsync(context, migration, location, cancellationToken).ConfigureAwait(false);
        var zone = await PrivateDnsZoneResolver.ResolveAsync(context, privateLink.ZoneName, request.PrivateDnsZoneId, request.PrivateDnsZoneResourceGroupName, ResourceId.ForResourceGroup(migration.SourceId.SubscriptionId, migration.SourceId.ResourceGroupName!), network: null, notices: null, cancellationToken).ConfigureAwait(false);
        var endpointName = request.PrivateEndpointName ?? NewPrivateCacheWorkflow.DefaultEndpointName(migration.TargetId.Name);
        var endpointId = request.SubnetId is null
            ? ResourceId.ForResource(migration.TargetId.SubscriptionId, migration.TargetId.ResourceGroupName!, ResourceIdRules.PrivateEndpointType, endpointName)
            : PrivateEndpoints.IdFor(ResourceIdRules.Parse(request.SubnetId, ResourceIdRules.SubnetType, "SubnetId").ToResourceId().Parent!, migration.TargetId, resourceGroupName: null, endpointName);
        var kind = migration.TargetKind == CacheKind.ManagedRedis ? "Azure Managed Redis cache" : "cache";
        var plan = new Plan($"Moving VNet-injected cache '{migration.SourceId.Name}' to Private Link as {kind} '{migration.TargetId.Name}'");
        new ConvertPlanBuilder(context.GetArmGateway(), context.Clock, plan, migration, request.KeepSource).AddCompletedVerification(endpointId, zone);
        var notices = new List<string>
        {
            $"The migration of '{migration.SourceId.Name}' to {kind} '{migration.TargetId.Name}' is complete (the source is deleted; the target's tag '{MigrationTags.Source}' records where it came from): there is nothing to do, and the plan only verifies the target.",
        };
        return new PreparedWorkflow(plan, migration.TargetId, notices);
    }

    /// <summary>-TargetSku: the Managed Redis cluster and database, endpoint, [export, import], verify, delete the source.</summary>
    private static PreparedWorkflow PrepareManagedRedis(
        IArmGateway arm, AzureClock clock, ConvertVNetCacheRequest request, ConvertMigration migration, ConvertTargetSku targetSku, MigrationSource? source, ArmResource? target,
        ResourceId injectedSubnetId, string location, PrivateLinkSite site, List<string> notices)
    {
        if (source is null)
        {
            notices.Add($"The source '{migration.SourceId.Name}' is already deleted and Managed Redis cache '{migration.TargetId.Name}' exists (migration stage '{MigrationStages.Text(MigrationTags.StageOf(target))}'): the plan continues from there.");
            var finishing = new Plan($"Moving VNet-injected cache '{migration.SourceId.Name}' to Private Link as Azure Managed Redis cache '{migration.TargetId.Name}'");
            var finishingBuilder = new ConvertPlanBuilder(arm, clock, finishing, migration, request.KeepSource);
            finishingBuilder.AddPrivateLinkSite(site);
            finishingBuilder.AddManagedRedisStepsAfterSourceDeleted();
            return new PreparedWorkflow(finishing, migration.TargetId, notices);
        }

        var (sku, mapping) = targetSku.For(source.Cache.Properties!.Sku!.Family + source.Cache.Properties.Sku.Capacity);
        var definition = ConvertManagedRedisTarget.Definition(source, sku, location, request.EnableAccessKeysAuthentication, (MigrationTags.InjectedSubnet, injectedSubnetId.ToString()));
        notices.AddRange(ConvertManagedRedisTarget.Notices(source, migration.TargetId, definition, mapping, targetSku.IsSuggested));
        if (migration.Container is null)
        {
            notices.Add($"-DataMigration None: Managed Redis cache '{migration.TargetId.Name}' starts empty; the data in '{migration.SourceId.Name}' is not copied.");
        }

        var plan = new Plan($"Moving VNet-injected cache '{migration.SourceId.Name}' ({source.SkuText}) to Private Link as Azure Managed Redis cache '{migration.TargetId.Name}' ({sku}; Microsoft's mapping: {mapping})");
        var builder = new ConvertPlanBuilder(arm, clock, plan, migration, request.KeepSource);
        builder.AddPrivateLinkSite(site);
        builder.AddManagedRedisSteps(definition, target);
        return new PreparedWorkflow(plan, migration.TargetId, notices);
    }

    /// <summary>
    /// The group id and DNS zone of the target's private endpoint: a Managed Redis cluster that exists says them in its
    /// privateLinkResources; one not created yet, and a classic cache, follow the kind's conventions.
    /// </summary>
    private static async Task<PrivateLinkTarget> ResolvePrivateLinkAsync(RedisPrivateLinkContext context, ConvertMigration migration, string location, CancellationToken cancellationToken)
    {
        var kind = migration.TargetKind;
        if (kind == CacheKind.Classic)
        {
            return new PrivateLinkTarget(kind.DefaultGroupId, context.RedisPrivateDnsZone, migration.TargetId.Name);
        }

        var arm = context.GetArmGateway();
        var existing = await kind.ReadAsync(arm, migration.TargetId, cancellationToken).ConfigureAwait(false);
        return existing is null
            ? kind.PrivateLinkTargetFor(migration.TargetId.Name, null, location, context.CloudEnvironment)
            : await kind.ResolvePrivateLinkAsync(arm, existing, context.CloudEnvironment, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<EndpointNetwork> ResolveEndpointNetworkAsync(
        RedisPrivateLinkContext context, ConvertVNetCacheRequest request, ResourceId injectedSubnetId, string location, ICollection<string> notices, CancellationToken cancellationToken)
    {
        var injectedNetworkId = injectedSubnetId.Parent!;
        var networkRequest = string.IsNullOrWhiteSpace(request.SubnetId)
            ? new NetworkRequest
            {
                VirtualNetworkName = injectedNetworkId.Name,
                ResourceGroupName = injectedNetworkId.ResourceGroupName!,
                SubnetName = request.SubnetName,
                SubnetPrefix = request.SubnetPrefix,
                PrivateEndpointNetworkPolicy = request.PrivateEndpointNetworkPolicy,
                NewNetworkLocation = location,
            }
            : new NetworkRequest { SubnetId = request.SubnetId };
        var candidate = string.IsNullOrWhiteSpace(request.SubnetId)
            ? injectedNetworkId.Child("subnets", request.SubnetName!)
            : ResourceIdRules.Parse(request.SubnetId, ResourceIdRules.SubnetType, "SubnetId").ToResourceId();
        if (candidate == injectedSubnetId)
        {
            throw new ValidationException(WorkflowErrorIds.EndpointSubnetIsInjectedSubnet, string.IsNullOrWhiteSpace(request.SubnetId) ? "SubnetName" : "SubnetId",
                $"Subnet '{injectedSubnetId.Name}' is the one the cache is injected into, and Azure lets an injected subnet hold only caches. Give another subnet: -SubnetId of an existing one, or -SubnetName and -SubnetPrefix to create one in virtual network '{injectedNetworkId.Name}'.");
        }

        return await EndpointNetworkResolver.ResolveAsync(context, injectedNetworkId.SubscriptionId, networkRequest, notices, cancellationToken).ConfigureAwait(false);
    }
}

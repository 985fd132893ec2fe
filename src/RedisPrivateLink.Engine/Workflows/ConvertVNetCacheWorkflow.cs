using System;
using System.Collections.Generic;
using System.Linq;
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
    /// <summary>The step that deletes the source; the cmdlet asks ShouldContinue for it unless -Force.</summary>
    public const string DeleteSourceStepKey = "delete-source";

    /// <summary>Azure's limit on a Managed Redis cluster's name (the classic limit is 63).</summary>
    private const int MaxManagedRedisNameLength = 60;

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

        var sourceId = ResourceIdRules.Parse(request.SourceCacheId, ResourceIdRules.RedisCacheType, "SourceCacheId", context.SubscriptionId).ToResourceId();
        var targetSku = ConvertTargetSku.Parse(request.TargetSku);
        ValidateStrategy(request, targetSku);
        var container = ValidateDataMigration(request, sourceId, targetSku);
        if (container is not null && ExportImportSasLifetime.Check(container, DateTimeOffset.UtcNow, ExportImportSasLifetime.RequiredValidity(context.TimeScale)) is { } sasNote)
        {
            OperationReporter.Current.Verbose(sasNote);
        }
        ValidateSubnetParameters(request);
        var resolutionPolicy = ResolutionPolicyRules.Parse(request.ResolutionPolicy);
        if (request.PrivateEndpointName is not null)
        {
            NameRules.ValidatePrivateEndpointName(request.PrivateEndpointName);
        }

        var arm = context.GetArmGateway();
        var notices = new List<string>();
        var targetId = request.ReuseName
            ? sourceId
            : ResourceId.ForResource(context.SubscriptionId, sourceId.ResourceGroupName!, targetSku is null ? ResourceIdRules.RedisCacheType : CacheKind.ManagedRedis.ResourceType, request.NewName!);
        var migration = new ConvertMigration(sourceId, targetId, request.ReuseName, container, context.TimeScale);

        var (source, target, recorded) = await ReadCachesAsync(arm, migration, notices, cancellationToken).ConfigureAwait(false);
        if (source is null && recorded is null && MigrationTags.StageOf(target) == MigrationStage.Complete)
        {
            return await PrepareCompletedAsync(context, request, migration, target!, cancellationToken).ConfigureAwait(false);
        }

        var injectedSubnetId = source?.InjectedSubnetId ?? InjectedSubnetRecordedOn((target ?? recorded)!, migration);
        var location = LocationRules.Normalize((source?.Cache ?? target ?? recorded)!.Location, "CacheLocation");
        var builder = new ConvertPlanBuilder(arm, new Plan($"Moving VNet-injected cache '{sourceId.Name}' to Private Link as '{targetId.Name}'"), migration, request.KeepSource);
        var reuseNameTarget = source is not null && request.ReuseName ? builder.ReuseNameTarget(source, injectedSubnetId) : null;
        if (reuseNameTarget is not null)
        {
            var groupTags = await MigrationTargetRecord.ReadTagsAsync(arm, targetId, cancellationToken).ConfigureAwait(false);
            MigrationTargetRecord.RequireRoom(targetId, groupTags, MigrationTargetRecord.Encode(targetId, reuseNameTarget).Count);
        }

        var network = await ResolveEndpointNetworkAsync(arm, context.SubscriptionId, request, injectedSubnetId, location, notices, cancellationToken).ConfigureAwait(false);

        var privateLink = await ResolvePrivateLinkAsync(context, migration, location, cancellationToken).ConfigureAwait(false);
        var endpointName = request.PrivateEndpointName ?? NewPrivateCacheWorkflow.DefaultEndpointName(targetId.Name);
        var endpointId = ResourceId.ForResource(context.SubscriptionId, targetId.ResourceGroupName!, ResourceIdRules.PrivateEndpointType, endpointName);
        var endpoint = new EndpointDefinition(endpointId, targetId, network) { GroupId = privateLink.GroupId };
        var zoneChoice = new PrivateDnsZoneChoice(privateLink.ZoneName, request.PrivateDnsZoneId, request.PrivateDnsZoneResourceGroupName, sourceId.ResourceGroupName!);
        var site = await PrivateLinkSite.ReadAsync(context, endpoint, zoneChoice, resolutionPolicy, notices, cancellationToken).ConfigureAwait(false);
        if (targetSku is not null)
        {
            return PrepareManagedRedis(arm, request, migration, targetSku, source, target, injectedSubnetId, location, site, notices);
        }

        AddNotices(notices, request, migration, source, target, recorded is not null);
        if (source is not null)
        {
            RequireStorageIdentity(migration, source, notices);
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
        var zone = await PrivateDnsZoneResolver.ResolveAsync(context, privateLink.ZoneName, request.PrivateDnsZoneId, request.PrivateDnsZoneResourceGroupName, migration.SourceId.ResourceGroupName!, network: null, cancellationToken).ConfigureAwait(false);
        var endpointName = request.PrivateEndpointName ?? NewPrivateCacheWorkflow.DefaultEndpointName(migration.TargetId.Name);
        var endpointId = ResourceId.ForResource(context.SubscriptionId, migration.TargetId.ResourceGroupName!, ResourceIdRules.PrivateEndpointType, endpointName);
        var kind = migration.TargetKind == CacheKind.ManagedRedis ? "Azure Managed Redis cache" : "cache";
        var plan = new Plan($"Moving VNet-injected cache '{migration.SourceId.Name}' to Private Link as {kind} '{migration.TargetId.Name}'");
        new ConvertPlanBuilder(context.GetArmGateway(), plan, migration, request.KeepSource).AddCompletedVerification(endpointId, zone);
        var notices = new List<string>
        {
            $"The migration of '{migration.SourceId.Name}' to {kind} '{migration.TargetId.Name}' is complete (the source is deleted; the target's tag '{MigrationTags.Source}' records where it came from): there is nothing to do, and the plan only verifies the target.",
        };
        return new PreparedWorkflow(plan, migration.TargetId, notices);
    }

    /// <summary>-TargetSku: the Managed Redis cluster and database, endpoint, [export, import], verify, delete the source.</summary>
    private static PreparedWorkflow PrepareManagedRedis(
        IArmGateway arm, ConvertVNetCacheRequest request, ConvertMigration migration, ConvertTargetSku targetSku, MigrationSource? source, ArmResource? target,
        ResourceId injectedSubnetId, string location, PrivateLinkSite site, List<string> notices)
    {
        if (source is null)
        {
            notices.Add($"The source '{migration.SourceId.Name}' is already deleted and Managed Redis cache '{migration.TargetId.Name}' exists (migration stage '{MigrationStages.Text(MigrationTags.StageOf(target))}'): the plan continues from there.");
            var finishing = new Plan($"Moving VNet-injected cache '{migration.SourceId.Name}' to Private Link as Azure Managed Redis cache '{migration.TargetId.Name}'");
            var finishingBuilder = new ConvertPlanBuilder(arm, finishing, migration, request.KeepSource);
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
        var builder = new ConvertPlanBuilder(arm, plan, migration, request.KeepSource);
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

    private static void ValidateStrategy(ConvertVNetCacheRequest request, ConvertTargetSku? targetSku)
    {
        if (targetSku is not null && request.ReuseName)
        {
            throw new ValidationException(WorkflowErrorIds.ReuseNameWithTargetSku, "ReuseName",
                "-ReuseName keeps a classic cache's host name by deleting the source first, but an Azure Managed Redis cache has another host name (<name>.<region>.redis.azure.net, port 10000) whatever its name, so the downtime would buy nothing. Use -NewName with -TargetSku (it may even be the source's own name: Managed Redis names are a separate namespace) to migrate side by side without downtime.");
        }

        if (targetSku is null && request.EnableAccessKeysAuthentication)
        {
            throw new ValidationException(WorkflowErrorIds.AccessKeysWithoutTargetSku, "EnableAccessKeysAuthentication",
                "-EnableAccessKeysAuthentication is for an Azure Managed Redis target (-TargetSku), whose database accepts only Microsoft Entra ID unless asked; a classic target has access keys like its source. Give -TargetSku, or leave -EnableAccessKeysAuthentication out.");
        }

        var hasNewName = !string.IsNullOrWhiteSpace(request.NewName);
        if (hasNewName == request.ReuseName)
        {
            throw new ValidationException(WorkflowErrorIds.ConflictingMigrationStrategy, hasNewName ? "ReuseName" : "NewName",
                hasNewName
                    ? "-NewName and -ReuseName are two different strategies. Give -NewName to migrate side by side (no downtime, the host name changes), or -ReuseName to keep the host name (export, delete, recreate; downtime)."
                    : "Choose a strategy: -NewName <name> to migrate side by side (no downtime, the host name changes), or -ReuseName to keep the host name (export, delete, recreate; downtime).");
        }

        if (request.ReuseName && request.KeepSource)
        {
            throw new ValidationException(WorkflowErrorIds.ConflictingMigrationStrategy, "KeepSource",
                "-ReuseName recreates the cache under its own name, which needs the source deleted, so -KeepSource cannot be given with it. Use -NewName to keep the source.");
        }

        if (hasNewName)
        {
            NameRules.ValidateCacheName(request.NewName, "NewName");
            if (targetSku is not null && request.NewName!.Length > MaxManagedRedisNameLength)
            {
                throw new ValidationException(ValidationErrorIds.InvalidCacheName, "NewName",
                    $"Cache name '{request.NewName}' is {request.NewName.Length} characters long, and an Azure Managed Redis cache name has at most {MaxManagedRedisNameLength}. Choose a shorter -NewName.");
            }
        }
    }

    private static MigrationStorageContainer? ValidateDataMigration(ConvertVNetCacheRequest request, ResourceId sourceId, ConvertTargetSku? targetSku)
    {
        var dataMigration = ConvertDataMigration.Resolve(request.DataMigration, request.KeepSource, sourceId.Name);
        var usesManagedIdentity = MigrationStorageAuthentication.UsesManagedIdentity(request.StorageAuthentication);
        if (dataMigration == ConvertDataMigration.None)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(request.StorageContainerUri))
        {
            throw new ValidationException(WorkflowErrorIds.StorageContainerUriRequired, "StorageContainerUri",
                "-DataMigration ExportImport moves the data through a blob container: give -StorageContainerUri, the container's SAS URI (read, write and list) or with -StorageAuthentication ManagedIdentity its URL, or use -DataMigration None.");
        }

        if (usesManagedIdentity && targetSku is not null)
        {
            throw new ValidationException(WorkflowErrorIds.ManagedIdentityStorageWithTargetSku, "StorageAuthentication",
                "-StorageAuthentication ManagedIdentity is for a classic target: the Azure Managed Redis database import takes the export's blobs as SAS URIs only. Give -StorageContainerUri with a SAS and -StorageAuthentication SAS, or migrate to a classic cache without -TargetSku.");
        }

        return MigrationStorageContainer.Parse(request.StorageContainerUri!, usesManagedIdentity);
    }

    /// <summary>
    /// With managed identity access the source exports and the target imports with their own identities, so the source
    /// must have one (the target asks for the same); granting the storage role is the user's, never this module's.
    /// </summary>
    private static void RequireStorageIdentity(ConvertMigration migration, MigrationSource source, ICollection<string> notices)
    {
        var container = migration.Container;
        if (container is null || !container.UsesManagedIdentity)
        {
            return;
        }

        if (!source.HasIdentity)
        {
            throw new ValidationException(WorkflowErrorIds.StorageIdentityMissing, "StorageAuthentication",
                $"-StorageAuthentication ManagedIdentity exports with the managed identity of cache '{migration.SourceId.Name}', which has none. Give it one (system- or user-assigned) and grant that identity the '{MigrationStorageAuthentication.RequiredRole}' role on the storage account of '{container.DisplayName}', or use a SAS (-StorageAuthentication SAS).");
        }

        notices.Add($"-StorageAuthentication ManagedIdentity: cache '{migration.SourceId.Name}' exports to '{container.DisplayName}' and cache '{migration.TargetId.Name}' imports from it with their managed identities, each of which needs the '{MigrationStorageAuthentication.RequiredRole}' role on the storage account (this command grants no roles). "
            + (source.HasSystemAssignedIdentity
                ? $"'{migration.TargetId.Name}' gets a new system-assigned identity: grant it the role once the cache exists; if the import fails for lack of it, grant it and run the same command again."
                : $"'{migration.TargetId.Name}' gets the source's user-assigned identities, so the role granted to them serves both."));
    }

    private static void ValidateSubnetParameters(ConvertVNetCacheRequest request)
    {
        var hasSubnetId = !string.IsNullOrWhiteSpace(request.SubnetId);
        var hasSubnetName = !string.IsNullOrWhiteSpace(request.SubnetName);
        if (hasSubnetId && (hasSubnetName || !string.IsNullOrWhiteSpace(request.SubnetPrefix) || request.PrivateEndpointNetworkPolicy is not null))
        {
            throw new ValidationException(WorkflowErrorIds.ConflictingNetworkParameters, "SubnetId",
                "-SubnetId names the endpoint's subnet already, so -SubnetName, -SubnetPrefix and -PrivateEndpointNetworkPolicy cannot be given with it (an existing subnet's policies are never changed). Give either -SubnetId, or -SubnetName (with -SubnetPrefix to create it) in the cache's virtual network.");
        }

        if (!hasSubnetId && !hasSubnetName)
        {
            throw new ValidationException(WorkflowErrorIds.NetworkNotSpecified, "SubnetId",
                "The private endpoint needs a subnet other than the one the cache is injected into (that one may hold only caches). Give -SubnetId of an existing subnet, or -SubnetName and -SubnetPrefix to create one in the cache's virtual network.");
        }
    }

    /// <summary>
    /// The source and the target as Azure holds them. With -ReuseName they share one id: a cache there with a subnet is
    /// the source; one without, whose tags name it, is the target of an earlier run that already deleted the source;
    /// when there is none, the target's definition an earlier run recorded on the resource group before deleting the
    /// source (<paramref name="migration"/> stopped between the deletion and Azure accepting the target).
    /// </summary>
    private static async Task<(MigrationSource? Source, ArmResource? Target, RedisCache? Recorded)> ReadCachesAsync(IArmGateway arm, ConvertMigration migration, ICollection<string> notices, CancellationToken cancellationToken)
    {
        var sourceId = migration.SourceId;
        if (!migration.ReuseName)
        {
            await RequireNoTargetOfOtherKindAsync(arm, migration, cancellationToken).ConfigureAwait(false);
        }

        var cache = await arm.GetAsync<RedisCache>(sourceId, cancellationToken).ConfigureAwait(false);
        if (cache is null && !migration.ReuseName
            && await MigrationTags.ReadAsync(arm, migration.TargetId, cancellationToken).ConfigureAwait(false) is { } finished
            && MigrationTags.IsTargetOf(finished, sourceId) && MigrationTags.StageOf(finished) >= MigrationStage.Verified)
        {
            // Side by side, the source is deleted only after the target is verified: this is a finished migration run again.
            return (null, finished, null);
        }

        if (cache is null)
        {
            if (migration.ReuseName)
            {
                return (null, null, await MigrationTargetRecord.ReadAsync(arm, sourceId, cancellationToken).ConfigureAwait(false)
                    ?? throw new RedisPrivateLinkException(WorkflowErrorIds.MigrationSourceDeleted, RedisPrivateLinkErrorCategory.ObjectNotFound,
                        $"Cache '{sourceId.Name}' does not exist in '{sourceId.ResourceGroupName}', and the resource group records no migration of it (tags '{MigrationTargetRecord.Prefix}{sourceId.Name.ToLowerInvariant()}-*'): check the name and resource group. {DataWhereabouts(migration)}",
                        sourceId.ToString()));
            }

            throw MissingCache.Error(sourceId);
        }

        if (migration.ReuseName && string.IsNullOrEmpty(cache.Properties?.SubnetId) && MigrationTags.IsTargetOf(cache, sourceId))
        {
            return (null, cache, null);
        }

        RequireMigratable(cache, migration);
        var source = await MigrationSource.ReadAsync(arm, sourceId, cache, cancellationToken).ConfigureAwait(false);
        if (migration.ReuseName)
        {
            return (source, null, null);
        }

        var target = await MigrationTags.ReadAsync(arm, migration.TargetId, cancellationToken).ConfigureAwait(false);
        if (target is null && migration.TargetKind == CacheKind.Classic)
        {
            // Managed Redis has no checkNameAvailability: a name another cluster holds is refused by the create.
            await CacheNameAvailability.RequireAvailableAsync(arm, migration.TargetId.SubscriptionId, migration.TargetId.Name, notices, cancellationToken).ConfigureAwait(false);
        }
        else if (target is not null && !MigrationTags.IsTargetOf(target, sourceId))
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.CacheNameNotAvailable, RedisPrivateLinkErrorCategory.InvalidArgument,
                $"Cache '{migration.TargetId.Name}' already exists in '{migration.TargetId.ResourceGroupName}' and is not the target of a migration from '{sourceId.Name}'. Choose another -NewName.",
                migration.TargetId.ToString());
        }

        return (source, target, null);
    }

    /// <summary>
    /// Side by side, the target's id depends on its kind (Microsoft.Cache/redis, or redisEnterprise with -TargetSku),
    /// so a re-run that leaves out or adds -TargetSku would not see the target an earlier run made and would start a
    /// second migration beside it. A cache of the other kind under the new name whose tags name this source is refused.
    /// </summary>
    private static async Task RequireNoTargetOfOtherKindAsync(IArmGateway arm, ConvertMigration migration, CancellationToken cancellationToken)
    {
        var otherKind = migration.TargetKind == CacheKind.Classic ? CacheKind.ManagedRedis : CacheKind.Classic;
        var otherId = ResourceId.ForResource(migration.TargetId.SubscriptionId, migration.TargetId.ResourceGroupName!, otherKind.ResourceType, migration.TargetId.Name);
        var other = await otherKind.ReadWhereOfferedAsync(arm, otherId, cancellationToken).ConfigureAwait(false);
        if (other?.Resource is not ArmResource earlierTarget || !MigrationTags.IsTargetOf(earlierTarget, migration.SourceId))
        {
            return;
        }

        var rerun = earlierTarget is ManagedRedisCluster cluster
            ? $"Run the command again with -TargetSku {cluster.Sku?.Name ?? "<its SKU>"} to continue that migration"
            : "Run the command again without -TargetSku to continue that migration";
        throw new RedisPrivateLinkException(WorkflowErrorIds.MigrationTargetKindMismatch, RedisPrivateLinkErrorCategory.InvalidOperation,
            $"An earlier run of this migration of '{migration.SourceId.Name}' made {otherKind.DisplayName} cache '{otherId.Name}' ({otherId}, migration stage '{MigrationStages.Text(MigrationTags.StageOf(earlierTarget))}') its target, but this run asks for an {migration.TargetKind.DisplayName} target. {rerun}, or delete '{otherId.Name}' first to start over with this one.",
            otherId.ToString());
    }

    private static void RequireMigratable(RedisCache cache, ConvertMigration migration)
    {
        var sourceId = migration.SourceId;

        // Checked before VNet injection (a Premium-only feature) so that -DataMigration ExportImport on a Basic or
        // Standard cache is told what it asked for that cannot work.
        var sku = cache.Properties?.Sku;
        if (migration.MovesData && !string.Equals(sku?.Name, CacheSku.Premium, StringComparison.OrdinalIgnoreCase))
        {
            throw new ValidationException(WorkflowErrorIds.DataMigrationRequiresPremium, "DataMigration",
                $"Cache '{sourceId.Name}' is {sku?.Name} {sku?.Family}{sku?.Capacity}, and export and import are Premium features. Use -DataMigration None and move the data yourself.");
        }

        if (string.IsNullOrEmpty(cache.Properties?.SubnetId))
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.CacheIsNotVNetInjected, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"Cache '{sourceId.Name}' is not injected into a virtual network, so there is nothing to convert. Give it a private endpoint with Add-RedisPrivateEndpoint instead.",
                sourceId.ToString());
        }

        var linked = MigrationSource.LinkedServersOf(cache);
        if (linked.Count > 0)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.CacheIsGeoReplicated, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"Cache '{sourceId.Name}' is geo-replicated with {string.Join(", ", linked.Select(id => ResourceId.TryParse(id, out var parsed) ? "'" + parsed!.Name + "'" : id))}. Unlink the geo-replication first (Remove-AzRedisCacheLink), migrate each cache, then link the new caches again.",
                sourceId.ToString());
        }
    }

    /// <summary>The injected subnet the target's tags recorded, for a -ReuseName re-run after the source is gone.</summary>
    private static ResourceId InjectedSubnetRecordedOn(ArmResource target, ConvertMigration migration) =>
        target.Tags is { } tags && tags.TryGetValue(MigrationTags.InjectedSubnet, out var text) && ResourceId.TryParse(text, out var id)
            ? id!
            : throw new RedisPrivateLinkException(WorkflowErrorIds.MigrationSourceDeleted, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"Cache '{migration.TargetId.Name}' was created by an earlier migration but its tag '{MigrationTags.InjectedSubnet}' is missing, so the source's virtual network is unknown. Give its private endpoint with Add-RedisPrivateEndpoint.",
                migration.TargetId.ToString());

    private static string DataWhereabouts(ConvertMigration migration) =>
        migration.Container is { } container
            ? $"If it was exported, the data is at '{container.BlobDisplayName(migration.ExportPrefix)}'."
            : "No data was asked to move (-DataMigration None).";

    private static async Task<EndpointNetwork> ResolveEndpointNetworkAsync(
        IArmGateway arm, string subscriptionId, ConvertVNetCacheRequest request, ResourceId injectedSubnetId, string location, ICollection<string> notices, CancellationToken cancellationToken)
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
            : ResourceIdRules.Parse(request.SubnetId, ResourceIdRules.SubnetType, "SubnetId", subscriptionId).ToResourceId();
        if (candidate == injectedSubnetId)
        {
            throw new ValidationException(WorkflowErrorIds.EndpointSubnetIsInjectedSubnet, string.IsNullOrWhiteSpace(request.SubnetId) ? "SubnetName" : "SubnetId",
                $"Subnet '{injectedSubnetId.Name}' is the one the cache is injected into, and Azure lets an injected subnet hold only caches. Give another subnet: -SubnetId of an existing one, or -SubnetName and -SubnetPrefix to create one in virtual network '{injectedNetworkId.Name}'.");
        }

        return await EndpointNetworkResolver.ResolveAsync(arm, subscriptionId, networkRequest, notices, cancellationToken).ConfigureAwait(false);
    }

    private static void AddNotices(ICollection<string> notices, ConvertVNetCacheRequest request, ConvertMigration migration, MigrationSource? source, ArmResource? target, bool fromRecord)
    {
        var sourceName = migration.SourceId.Name;
        if (fromRecord)
        {
            notices.Add($"The source '{sourceName}' is already deleted and its replacement not yet created: the plan creates it from the configuration an earlier run recorded on resource group '{migration.TargetId.ResourceGroupName}'.");
            return;
        }

        if (source is null)
        {
            notices.Add($"The source '{sourceName}' is already deleted and cache '{migration.TargetId.Name}' exists (migration stage '{MigrationStages.Text(MigrationTags.StageOf(target))}'): the plan continues from there.");
            return;
        }

        if (!request.ReuseName)
        {
            var host = source.Cache.Properties?.HostName ?? sourceName;
            var suffix = host.Length > sourceName.Length ? host.Substring(sourceName.Length) : string.Empty;
            notices.Add($"Clients must switch from host name '{host}' to '{migration.TargetId.Name}{suffix}', with the new cache's access keys; the source keeps serving until then{(request.KeepSource ? " (-KeepSource leaves it in place)" : " and is deleted once the target is verified")}.");
        }
        else
        {
            notices.Add($"-ReuseName keeps the host name but the cache is unavailable from its deletion until the new cache '{sourceName}' is created, which takes 15-30 minutes or more while Azure holds the deleted cache's name; clients need the new cache's access keys.");
        }

        if (migration.Container is null && MigrationTags.StageOf(target) >= MigrationStage.Verified)
        {
            // A -KeepSource run finished earlier: whatever data was to move has moved; this run only deletes, if asked.
            notices.Add($"Cache '{migration.TargetId.Name}' was verified by an earlier run (migration stage '{MigrationStages.Text(MigrationTags.StageOf(target))}'): no data is copied now{(request.KeepSource ? string.Empty : $", and '{sourceName}' is deleted with the data it holds")}.");
        }
        else if (migration.Container is null)
        {
            notices.Add(request.ReuseName
                ? $"-DataMigration None: the data in cache '{sourceName}' is lost when it is deleted. Use -DataMigration ExportImport with -StorageContainerUri to keep it."
                : $"-DataMigration None: cache '{migration.TargetId.Name}' starts empty; the data in '{sourceName}' is not copied.");
        }

        if (request.ReuseName && source.Settings.Count > 0 && source.SettingsTags.Count == 0)
        {
            notices.Add($"Cache '{sourceName}' has too many firewall rules and tags for the migration to carry its settings in tags across the deletion: if this run stops between creating the new cache and copying them, they must be re-created by hand.");
        }

        if (source.SecretConfigurationKeys.Count > 0)
        {
            notices.Add($"redisConfiguration {string.Join(", ", source.SecretConfigurationKeys.Select(k => "'" + k + "'"))} hold storage connection strings, which Azure never returns: they are not copied, and neither are {string.Join(", ", source.UncopiedConfigurationKeys.Except(source.SecretConfigurationKeys).Select(k => "'" + k + "'"))}. Re-supply them on cache '{migration.TargetId.Name}' to enable persistence again.");
        }

        if (source.HasSystemAssignedIdentity)
        {
            notices.Add($"Cache '{migration.TargetId.Name}' gets a new system-assigned identity: grant it the roles the source's identity had.");
        }

        notices.Add($"Not copied: the static IP in subnet '{source.InjectedSubnetId.Name}' (the target has no subnet and answers on its private endpoint), the access keys (the target has its own), and role assignments on the cache.");
    }
}

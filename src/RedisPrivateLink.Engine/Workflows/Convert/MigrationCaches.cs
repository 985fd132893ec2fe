using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Reads the source and the target of a Convert-VNetCacheToPrivateEndpoint migration as Azure holds them, and refuses
/// a source that cannot be migrated or a target that is not this migration's.
/// </summary>
internal static class MigrationCaches
{
    /// <summary>
    /// The source and the target as Azure holds them. With -ReuseName they share one id: a cache there with a subnet is
    /// the source; one without, whose tags name it, is the target of an earlier run that already deleted the source;
    /// when there is none, the target's definition an earlier run recorded on the resource group before deleting the
    /// source (<paramref name="migration"/> stopped between the deletion and Azure accepting the target).
    /// </summary>
    public static async Task<(MigrationSource? Source, ArmResource? Target, RedisCache? Recorded)> ReadAsync(IArmGateway arm, ConvertMigration migration, ICollection<string> notices, CancellationToken cancellationToken)
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
    public static ResourceId InjectedSubnetRecordedOn(ArmResource target, ConvertMigration migration) =>
        target.Tags is { } tags && tags.TryGetValue(MigrationTags.InjectedSubnet, out var text) && ResourceId.TryParse(text, out var id)
            ? id!
            : throw new RedisPrivateLinkException(WorkflowErrorIds.MigrationSourceDeleted, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"Cache '{migration.TargetId.Name}' was created by an earlier migration but its tag '{MigrationTags.InjectedSubnet}' is missing, so the source's virtual network is unknown. Give its private endpoint with Add-RedisPrivateEndpoint.",
                migration.TargetId.ToString());

    private static string DataWhereabouts(ConvertMigration migration) =>
        migration.Container is { } container
            ? $"If it was exported, the data is at '{container.BlobDisplayName(migration.ExportPrefix)}'."
            : "No data was asked to move (-DataMigration None).";
}

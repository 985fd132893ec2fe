using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Deletes the source cache, re-checking on Azure at run time what makes that safe, so no plan built from stale reads
/// can lose data: side by side, the target's tags must say verified; with -ReuseName, the source's tags must say
/// exported (unless the data is not to move) and the target's definition must be recorded on the resource group,
/// because the target can only be created once the name is free.
/// </summary>
internal static class ConvertDeleteSourceStep
{
    public static PlanStep Create(IArmGateway arm, ConvertMigration migration, IEnumerable<string> dependsOn)
    {
        var source = migration.SourceId;
        var description = migration.ReuseName
            ? $"Delete VNet-injected cache '{source.Name}' in '{source.ResourceGroupName}' to free its name for the new cache{(migration.MovesData ? " (its data is exported)" : "; its data is lost (-DataMigration None)")}"
            : $"Delete VNet-injected cache '{source.Name}' in '{source.ResourceGroupName}', now replaced by verified cache '{migration.TargetId.Name}'{(migration.MovesData ? " (its data imported there)" : "; its data is lost, not copied (-DataMigration None)")}";
        return new PlanStep(ConvertStepKeys.DeleteSource, "Delete", source.ToString(), description, dependsOn, async (_, ct) =>
        {
            var sourceCache = await arm.GetAsync<RedisCache>(source, ct).ConfigureAwait(false);
            if (sourceCache is null || string.IsNullOrEmpty(sourceCache.Properties?.SubnetId))
            {
                return StepResult.Unchanged("it was already gone");
            }

            if (migration.ReuseName)
            {
                if (migration.MovesData && MigrationTags.StageOf(sourceCache) < MigrationStage.Exported)
                {
                    throw NotSafe(migration, "its data has not been exported");
                }

                if (await MigrationTargetRecord.ReadAsync(arm, source, ct).ConfigureAwait(false) is null)
                {
                    throw NotSafe(migration, $"the configuration of the cache that replaces it is not recorded on resource group '{source.ResourceGroupName}'");
                }
            }
            else
            {
                var target = await MigrationTags.ReadAsync(arm, migration.TargetId, ct).ConfigureAwait(false);
                if (MigrationTags.StageOf(target) < MigrationStage.Verified)
                {
                    throw NotSafe(migration, $"cache '{migration.TargetId.Name}' has not been verified");
                }
            }

            return await arm.DeleteAsync(source, cancellationToken: ct).ConfigureAwait(false)
                ? StepResult.Deleted()
                : StepResult.Unchanged("it was already gone");
        }).Requires(ArmPermission.Delete(source));
    }

    private static RedisPrivateLinkException NotSafe(ConvertMigration migration, string reason) =>
        new(WorkflowErrorIds.MigrationTargetNotVerified, RedisPrivateLinkErrorCategory.InvalidOperation,
            $"Cache '{migration.SourceId.Name}' was not deleted: {reason}. Run the same command again to finish the earlier steps first.",
            migration.SourceId.ToString());
}

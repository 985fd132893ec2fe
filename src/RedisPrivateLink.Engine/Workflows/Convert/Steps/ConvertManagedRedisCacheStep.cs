using System.Collections.Generic;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// The Managed Redis target of -TargetSku: New-RedisPrivateCache's cluster-and-database step under the migration's key,
/// guarded as the classic target is: a cluster of that name that is not this migration's target is never touched, and
/// a target left Failed keeps the stage its tags record when it is sent again.
/// </summary>
internal static class ConvertManagedRedisCacheStep
{
    public static PlanStep Create(IArmGateway arm, ConvertMigration migration, ManagedRedisDefinition definition, bool exists, IEnumerable<string> dependsOn)
    {
        var target = migration.TargetId;
        var inner = ManagedRedisCacheStep.Create(arm, target, definition, exists, noWait: false, new CacheReadiness(isReady: true), dependsOn, failedState: null);
        var description = exists
            ? inner.Description + " (created by an earlier run)"
            : inner.Description + $" and the tags of '{migration.SourceId.Name}'";
        return new PlanStep(ConvertStepKeys.TargetCache, inner.Action, inner.Target, description, inner.DependsOn, async (step, ct) =>
        {
            var existing = (await CacheKind.ManagedRedis.ReadAsync(arm, target, ct).ConfigureAwait(false))?.Resource as ArmResource;
            if (existing is not null && !MigrationTags.IsTargetOf(existing, migration.SourceId))
            {
                throw new RedisPrivateLinkException(WorkflowErrorIds.CacheNameNotAvailable, RedisPrivateLinkErrorCategory.InvalidOperation,
                    $"Managed Redis cache '{target.Name}' exists in '{target.ResourceGroupName}' and is not the target of this migration (its tag '{MigrationTags.Source}' does not name '{migration.SourceId}'). Choose another -NewName.",
                    target.ToString());
            }

            if (existing is not null)
            {
                definition.Tags = MigrationTags.With(existing.Tags, MigrationTags.StageOf(existing));
            }

            return await inner.Work(step, ct).ConfigureAwait(false);
        }).Requires(inner.Permissions);
    }
}

using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// The last step of a migration, once it is complete (the source deleted after the target was verified, or kept with
/// -KeepSource): removes the bookkeeping tags from the target (the stage, the injected subnet, the export prefix, the
/// settings a -ReuseName target carried), which would otherwise count against Azure's 50 tags and trip "allowed
/// tags" policies while telling nothing to anyone. <see cref="MigrationTags.Source"/> stays, saying where the cache
/// came from; the user's tags are not touched. A re-run finds nothing left to remove and writes nothing.
/// </summary>
internal static class ConvertCompleteStep
{
    public static PlanStep Create(IArmGateway arm, ConvertMigration migration, IEnumerable<string> dependsOn)
    {
        var target = migration.TargetId;
        var description = $"Remove the migration's bookkeeping tags ('{MigrationTags.Stage}' and the others) from cache '{target.Name}', keeping its own tags and '{MigrationTags.Source}' (where it came from)";
        return new PlanStep(ConvertStepKeys.CompleteMigration, "Update", target.ToString(), description, dependsOn, async (_, ct) =>
        {
            var cache = await MigrationTags.ReadAsync(arm, target, ct).ConfigureAwait(false);
            if (MigrationTags.StageOf(cache) < MigrationStage.Verified)
            {
                // Only reached through the verify step, which records Verified; a tag edited in between stops here.
                throw new RedisPrivateLinkException(WorkflowErrorIds.MigrationTargetNotVerified, RedisPrivateLinkErrorCategory.InvalidOperation,
                    $"Cache '{target.Name}' has not been verified, so its migration tags stay. Run the same command again to finish the earlier steps first.",
                    target.ToString());
            }

            return await MigrationTags.CompleteAsync(arm, target, ct).ConfigureAwait(false)
                ? StepResult.Updated("migration complete")
                : StepResult.Unchanged("migration complete");
        }).Requires(new ArmPermission(ArmPermission.TagsWrite, target.ToString()));
    }
}

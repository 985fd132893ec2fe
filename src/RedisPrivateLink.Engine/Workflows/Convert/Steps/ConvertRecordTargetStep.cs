using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// With -ReuseName, records the new cache's definition on the resource group (<see cref="MigrationTargetRecord"/>)
/// before the source is deleted, so a run interrupted between the deletion and Azure accepting the new cache can
/// still create it.
/// </summary>
internal static class ConvertRecordTargetStep
{
    public static PlanStep Create(IArmGateway arm, ConvertMigration migration, RedisCache definition, IEnumerable<string> dependsOn)
    {
        var target = migration.TargetId;
        var description = $"Record the configuration of the new cache '{target.Name}' on resource group '{target.ResourceGroupName}' (tags '{MigrationTargetRecord.Prefix}{target.Name.ToLowerInvariant()}-*'), so an interrupted run can recreate it after the deletion";
        return new PlanStep(ConvertStepKeys.RecordTarget, "Record", MigrationTargetRecord.TagsIdOf(target).ToString(), description, dependsOn, async (_, ct) =>
            await MigrationTargetRecord.WriteAsync(arm, target, definition, ct).ConfigureAwait(false)
                ? StepResult.Updated($"resource group '{target.ResourceGroupName}'")
                : StepResult.Unchanged("an earlier run recorded it"))
            .Requires(new ArmPermission(ArmPermission.TagsWrite, ResourceId.ForResourceGroup(target.SubscriptionId, target.ResourceGroupName!).ToString()));
    }
}

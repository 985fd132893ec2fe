using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Copies the source's firewall rules and patch schedule (child resources, not part of the cache's PUT) to the target.
/// One the target already has (an earlier run copied it, or the user has since changed it) is left as it is.
/// </summary>
internal static class ConvertTargetSettingsStep
{
    public static PlanStep Create(IArmGateway arm, ConvertMigration migration, IReadOnlyList<MigrationSetting> settings, IEnumerable<string> dependsOn)
    {
        var rules = settings.Count(s => s.Collection == MigrationSetting.FirewallRules);
        var hasSchedule = settings.Any(s => s.Collection == MigrationSetting.PatchSchedules);
        var what = $"{rules} firewall rule{(rules == 1 ? string.Empty : "s")}{(hasSchedule ? " and the patch schedule" : string.Empty)}";
        var description = $"Copy {what} of cache '{migration.SourceId.Name}' to cache '{migration.TargetId.Name}'";
        return new PlanStep(ConvertStepKeys.TargetSettings, "Copy", migration.TargetId.ToString(), description, dependsOn, async (_, ct) =>
        {
            if (settings.Count == 0)
            {
                return StepResult.Unchanged("the source has no firewall rules and no patch schedule");
            }

            var written = 0;
            foreach (var setting in settings)
            {
                written += await CopyAsync(arm, migration.TargetId.Child(setting.Collection, setting.Name), setting, ct).ConfigureAwait(false) ? 1 : 0;
            }

            return written == 0
                ? StepResult.Reused($"cache '{migration.TargetId.Name}' already has them")
                : StepResult.Updated($"copied {written} of {settings.Count}");
        }).Requires(settings.Select(s => ArmPermission.Write(migration.TargetId.Child(s.Collection, s.Name))));
    }

    private static async Task<bool> CopyAsync(IArmGateway arm, ResourceId id, MigrationSetting setting, CancellationToken cancellationToken)
    {
        if (await arm.GetAsync<MigrationChildResource>(id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        await arm.PutAsync(id, new MigrationChildResource { Properties = setting.Properties }, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }
}

using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Imports the exported data into the target and records the stage; a target whose tags say imported is not imported
/// again, since an import replaces whatever the cache has received since.
/// </summary>
internal static class ConvertImportStep
{
    public static PlanStep Create(IArmGateway arm, ConvertMigration migration, IEnumerable<string> dependsOn)
    {
        var container = migration.Container!;
        var blob = container.BlobDisplayName(migration.ExportPrefix);
        var description = $"Import '{blob}' into cache '{migration.TargetId.Name}'";
        return new PlanStep(ConvertStepKeys.ImportData, "Import", migration.TargetId.ToString(), description, dependsOn, async (step, ct) =>
        {
            var target = await arm.GetAsync<RedisCache>(migration.TargetId, ct).ConfigureAwait(false);
            if (MigrationTags.StageOf(target) >= MigrationStage.Imported)
            {
                return StepResult.Skipped("already imported by an earlier run");
            }

            step.ReportStatus("Importing (Azure takes minutes for a small cache)");
            await arm.PostActionAsync(migration.TargetId + "/import",
                new { format = ConvertExportStep.Format, files = new[] { container.BlobSasUri(migration.ExportPrefix) } }, waitForCompletion: true, ct).ConfigureAwait(false);
            await MigrationTags.RecordAsync(arm, migration.TargetId, MigrationStage.Imported, ct).ConfigureAwait(false);
            return StepResult.Updated($"imported '{blob}'");
        });
    }
}

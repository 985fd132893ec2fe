using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Exports the source's data (Premium export, RDB) to the storage container under the migration's prefix and records
/// the stage, so a re-run never exports twice: after the first export the source may already have changed, and with
/// -ReuseName it is about to be deleted.
/// </summary>
internal static class ConvertExportStep
{
    public const string Format = "RDB";

    public static PlanStep Create(IArmGateway arm, ConvertMigration migration, bool alreadyExported, IEnumerable<string> dependsOn)
    {
        var container = migration.Container!;
        var description = alreadyExported
            ? $"Use the export of cache '{migration.SourceId.Name}' at '{container.BlobDisplayName(migration.ExportPrefix)}' (made by an earlier run)"
            : $"Export the data of cache '{migration.SourceId.Name}' to storage container '{container.DisplayName}' as '{migration.ExportPrefix}'";
        return new PlanStep(ConvertStepKeys.ExportSource, alreadyExported ? "Use" : "Export", migration.SourceId.ToString(), description, dependsOn, async (step, ct) =>
        {
            var recordedOn = await MigrationTags.ReadAsync(arm, migration.ExportRecordedOn, ct).ConfigureAwait(false);
            if (MigrationTags.StageOf(recordedOn) >= MigrationStage.Exported)
            {
                return StepResult.Skipped($"already exported to '{container.BlobDisplayName(migration.ExportPrefix)}'");
            }

            step.ReportStatus("Exporting (Azure takes minutes for a small cache)");
            try
            {
                await arm.PostActionAsync(migration.SourceId + "/export",
                    container.Body(("format", Format), ("prefix", migration.ExportPrefix), ("container", container.SasUri)), waitForCompletion: true, ct).ConfigureAwait(false);
            }
            catch (ArmException error)
            {
                // Nothing records an export that may not have finished: the re-run exports the source, untouched, again.
                throw new RedisPrivateLinkException(WorkflowErrorIds.MigrationExportFailed, RedisPrivateLinkErrorCategory.InvalidOperation,
                    $"The export of cache '{migration.SourceId.Name}' failed: {error.Message} The source is unchanged; run the same command again to export it again.",
                    migration.SourceId.ToString(), error);
            }

            await MigrationTags.RecordAsync(arm, migration.ExportRecordedOn, MigrationStage.Exported, ct, (MigrationTags.ExportPrefix, migration.ExportPrefix)).ConfigureAwait(false);
            return StepResult.Created($"exported to '{container.BlobDisplayName(migration.ExportPrefix)}'");
        }).Requires(alreadyExported ? new ArmPermission[0] : new[] { ArmPermission.Invoke(migration.SourceId, "export"), ArmPermission.Write(migration.ExportRecordedOn) });
    }
}

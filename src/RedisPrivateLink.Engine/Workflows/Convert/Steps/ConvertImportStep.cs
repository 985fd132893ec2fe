using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Imports the exported data into the target and records the stage; a target whose tags say imported is not imported
/// again, since an import replaces whatever the cache has received since. A Managed Redis target imports the classic
/// export (an RDB file) into its database, which takes the blobs as SAS URIs.
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
            var target = await MigrationTags.ReadAsync(arm, migration.TargetId, ct).ConfigureAwait(false);
            if (MigrationTags.StageOf(target) >= MigrationStage.Imported)
            {
                return StepResult.Skipped("already imported by an earlier run");
            }

            step.ReportStatus("Importing (Azure takes minutes for a small cache)");
            var blobSasUri = container.BlobSasUri(migration.ExportPrefix);
            try
            {
                if (migration.TargetKind == CacheKind.ManagedRedis)
                {
                    await arm.PostActionAsync(ManagedRedisCacheKind.DatabaseId(migration.TargetId) + "/import",
                        new { sasUris = new[] { blobSasUri } }, waitForCompletion: true, ct).ConfigureAwait(false);
                }
                else
                {
                    await arm.PostActionAsync(migration.TargetId + "/import",
                        container.Body(("format", ConvertExportStep.Format), ("files", new[] { blobSasUri })), waitForCompletion: true, ct).ConfigureAwait(false);
                }
            }
            catch (ArmException error)
            {
                // The source is still there (it goes only once the target is verified, or with -ReuseName after its
                // export): the re-run imports the same export again, replacing whatever part of it had arrived.
                throw new RedisPrivateLinkException(WorkflowErrorIds.MigrationImportFailed, RedisPrivateLinkErrorCategory.InvalidOperation,
                    $"The import of '{blob}' into cache '{migration.TargetId.Name}' failed: {error.Message} Run the same command again to import it again.",
                    migration.TargetId.ToString(), error);
            }

            await MigrationTags.RecordAsync(arm, migration.TargetId, MigrationStage.Imported, ct).ConfigureAwait(false);
            return StepResult.Updated($"imported '{blob}'");
        });
    }
}

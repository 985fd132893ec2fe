using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Imports the exported data into the target and records the stage; a target whose tags say imported is not imported
/// again, since an import replaces whatever the cache has received since. A Managed Redis target imports the classic
/// export (an RDB file) into its database, which takes the blobs as SAS URIs.
/// An import is a POST that ARM cannot be asked about afterwards, so the step notes on the target that it sent one
/// (<see cref="MigrationTags.ImportSent"/>) before sending it, and clears the note when ARM says the import did not run.
/// A note left without the imported stage means an import ran or may still run whose end no run saw (its answer lost,
/// also as ARM's 408, 502 or 504, or its operation unreadable, or the run stopped while it ran): importing again could replace data written to the target since, and skipping it
/// could leave the target empty, so the step stops with <see cref="WorkflowErrorIds.MigrationImportUnconfirmed"/>,
/// naming what to check and the tag that tells the next run what was found.
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

            if (MigrationTags.ValueOf(target, MigrationTags.ImportSent) is { } sentAt)
            {
                throw Unconfirmed(migration, blob, sentAt, "An earlier run sent the import and never learnt how it ended");
            }

            var sent = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            await MigrationTags.MergeAsync(arm, migration.TargetId, MigrationTags.ImportSent, sent, ct).ConfigureAwait(false);
            step.ReportStatus("Importing (Azure takes minutes for a small cache)");
            try
            {
                await SendImportAsync(arm, migration, container, ct).ConfigureAwait(false);
            }
            catch (ArmException gateway) when (gateway.Status is 408 or 502 or 504)
            {
                // ARM's gateway did not get Microsoft.Cache's answer in time (a 504 while the provider goes on,
                // hashicorp/terraform-provider-azurerm#8169): an answer lost too, only spelt as a status.
                throw Unconfirmed(migration, blob, sent, $"Azure Resource Manager answered the import {gateway.Status} {gateway.Code} without the provider's answer", gateway);
            }
            catch (ArmException poll) when (poll.Method == "GET" && poll.Status >= 500)
            {
                // Azure accepted the import (its operation was being read) and the reads failed, retries spent.
                throw Unconfirmed(migration, blob, sent, $"Azure accepted the import, then its operation could not be read ({poll.Status} {poll.Code})", poll);
            }
            catch (ArmException error)
            {
                // ARM said the import failed: nothing ran that a re-run could replace, so the note goes and the re-run
                // imports the same export again (the source is still there: it goes only once the target is verified,
                // or with -ReuseName after its export).
                await ClearNoteAsync(arm, migration, sent, ct).ConfigureAwait(false);
                throw new RedisPrivateLinkException(WorkflowErrorIds.MigrationImportFailed, RedisPrivateLinkErrorCategory.InvalidOperation,
                    $"The import of '{blob}' into cache '{migration.TargetId.Name}' failed: {error.Message} Run the same command again to import it again.",
                    migration.TargetId.ToString(), error);
            }
            catch (RedisPrivateLinkException lost) when (!ct.IsCancellationRequested && IsLostAnswer(lost))
            {
                throw Unconfirmed(migration, blob, sent, $"The import's answer was lost ({lost.Message})", lost);
            }

            await MigrationTags.RecordAsync(arm, migration.TargetId, MigrationStage.Imported, ct).ConfigureAwait(false);
            return StepResult.Updated($"imported '{blob}'");
        }).Requires(
            migration.TargetKind == CacheKind.ManagedRedis
                ? ArmPermission.Invoke(ManagedRedisCacheKind.DatabaseId(migration.TargetId), "import")
                : ArmPermission.Invoke(migration.TargetId, "import"),
            new ArmPermission(ArmPermission.TagsWrite, migration.TargetId.ToString()),
            ArmPermission.Write(migration.TargetId));
    }

    /// <summary>A request that got no answer from ARM (the gateway sends a POST once): ARM may have acted on it.</summary>
    internal static bool IsLostAnswer(RedisPrivateLinkException exception) =>
        exception.ErrorId is TransportFailures.ArmUnreachable or TransportFailures.ArmRequestTimedOut;

    private static Task SendImportAsync(IArmGateway arm, ConvertMigration migration, MigrationStorageContainer container, CancellationToken ct)
    {
        var blobSasUri = container.BlobSasUri(migration.ExportPrefix);
        return migration.TargetKind == CacheKind.ManagedRedis
            ? arm.PostActionAsync(ManagedRedisCacheKind.DatabaseId(migration.TargetId) + "/import", new { sasUris = new[] { blobSasUri } }, waitForCompletion: true, ct)
            : arm.PostActionAsync(migration.TargetId + "/import", container.Body(("format", ConvertExportStep.Format), ("files", new[] { blobSasUri })), waitForCompletion: true, ct);
    }

    private static async Task ClearNoteAsync(IArmGateway arm, ConvertMigration migration, string sent, CancellationToken ct)
    {
        try
        {
            await MigrationTags.RemoveAsync(arm, migration.TargetId, MigrationTags.ImportSent, sent, ct).ConfigureAwait(false);
        }
        catch (Exception error) when (!ct.IsCancellationRequested && error is ArmException or RedisPrivateLinkException)
        {
            // The note stays: the re-run then asks the admin to look, which is safe, if slower.
            Diagnostics.OperationReporter.Current.Verbose(
                $"Could not remove tag '{MigrationTags.ImportSent}' from cache '{migration.TargetId.Name}' after its import failed: {error.Message}");
        }
    }

    private static RedisPrivateLinkException Unconfirmed(ConvertMigration migration, string blob, string sentAt, string why, Exception? inner = null)
    {
        var target = migration.TargetId;
        return new RedisPrivateLinkException(WorkflowErrorIds.MigrationImportUnconfirmed, RedisPrivateLinkErrorCategory.InvalidOperation,
            $"{why}: the import of '{blob}' into cache '{target.Name}' sent at {sentAt} may have run. Importing again could replace data written to '{target.Name}' since, so nothing more was sent. " +
            $"Check whether '{target.Name}' holds the data (for example DBSIZE or a key you know, from a host in its virtual network; its Activity log shows the import's end). " +
            $"If it does, record it: Update-AzTag -ResourceId '{target}' -Operation Merge -Tag @{{'{MigrationTags.Stage}'='{MigrationStages.Text(MigrationStage.Imported)}'}}; " +
            $"if it does not, allow another import: Update-AzTag -ResourceId '{target}' -Operation Delete -Tag @{{'{MigrationTags.ImportSent}'='{sentAt}'}}. " +
            "Then run the same command again.",
            target.ToString(), inner);
    }
}

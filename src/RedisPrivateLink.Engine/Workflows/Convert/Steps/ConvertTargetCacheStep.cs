using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Creates the target cache with the source's configuration and waits for it, or reuses the target an earlier run
/// created (its tags name the source). With -ReuseName, Azure holds a deleted cache's name for a while, so the create
/// is retried with backoff while ARM answers NameNotAvailable, up to <see cref="NameHoldLimit"/>;
/// once Azure holds the target, the definition recorded on the resource group for that wait is removed.
/// </summary>
internal static class ConvertTargetCacheStep
{
    /// <summary>
    /// How long the target's create is retried while ARM says the name is held, at Azure's pace, before the run stops
    /// and says a re-run continues.
    /// </summary>
    private static readonly TimeSpan NameHoldLimit = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest pause between creates; never more than a thirtieth of the limit, so a scaled-down wait keeps its rhythm.</summary>
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    public static PlanStep Create(IArmGateway arm, AzureClock clock, ConvertMigration migration, RedisCache definition, string summary, bool exists, IEnumerable<string> dependsOn)
    {
        var target = migration.TargetId;
        var description = exists
            ? $"Use target cache '{target.Name}' in '{target.ResourceGroupName}' (created by an earlier run)"
            : $"Create cache '{target.Name}' in '{target.ResourceGroupName}' with the configuration of '{migration.SourceId.Name}' ({summary}), public network access Disabled, no subnet";
        return new PlanStep(ConvertStepKeys.TargetCache, StepVerbs.Action(exists, failedState: null), target.ToString(), description, dependsOn,
            (step, ct) => EnsureAsync(arm, clock, migration, definition, step, ct))
            .Requires(exists ? new ArmPermission[0] : new[] { ArmPermission.Write(target) });
    }

    private static async Task<StepResult> EnsureAsync(IArmGateway arm, AzureClock clock, ConvertMigration migration, RedisCache definition, StepContext step, CancellationToken cancellationToken)
    {
        var target = migration.TargetId;
        var existing = await arm.GetAsync<RedisCache>(target, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !MigrationTags.IsTargetOf(existing, migration.SourceId))
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.CacheNameNotAvailable, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"Cache '{target.Name}' exists in '{target.ResourceGroupName}' and is not the target of this migration (its tag '{MigrationTags.Source}' does not name '{migration.SourceId}'). Choose another -NewName.",
                target.ToString());
        }

        if (existing is not null && !CacheProvisioning.IsFailed(existing))
        {
            await RemoveRecordAsync(arm, migration, cancellationToken).ConfigureAwait(false);
            await CacheProvisioning.WaitAsync(arm, target, step, cancellationToken).ConfigureAwait(false);
            return StepResult.Reused($"migration stage '{MigrationStages.Text(MigrationTags.StageOf(existing))}'");
        }

        // A target left Failed keeps the stage its tags record; sending the definition again must not reset it.
        if (existing is not null)
        {
            definition.Tags = MigrationTags.With(existing.Tags, MigrationTags.StageOf(existing));
        }

        var retries = await PutWhileNameHeldAsync(arm, clock, migration, definition, step, cancellationToken).ConfigureAwait(false);
        await RemoveRecordAsync(arm, migration, cancellationToken).ConfigureAwait(false);
        await CacheProvisioning.WaitAsync(arm, target, step, cancellationToken).ConfigureAwait(false);
        var waited = retries == 0 ? null : $"Azure held the name; created after {retries} retries";
        return existing is null ? StepResult.Created(waited) : StepResult.Updated(FailedProvisioning.Resent(existing.Properties?.ProvisioningState, waited));
    }

    /// <summary>With -ReuseName, once the target exists it carries its own configuration: the record has served.</summary>
    private static async Task RemoveRecordAsync(IArmGateway arm, ConvertMigration migration, CancellationToken cancellationToken)
    {
        if (migration.ReuseName)
        {
            await MigrationTargetRecord.RemoveAsync(arm, migration.TargetId, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> PutWhileNameHeldAsync(IArmGateway arm, AzureClock clock, ConvertMigration migration, RedisCache definition, StepContext step, CancellationToken cancellationToken)
    {
        var limit = clock.Scale(NameHoldLimit);
        var maxDelay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, limit.Ticks / 30));
        var delay = TimeSpan.FromTicks(Math.Min(FirstRetryDelay.Ticks, maxDelay.Ticks));
        var started = DateTimeOffset.UtcNow;
        for (var retries = 0; ; retries++)
        {
            try
            {
                step.ReportStatus(retries == 0 ? "Sending the create" : $"Sending the create again (attempt {retries + 1})");
                await arm.PutAsync(migration.TargetId, definition, waitForCompletion: false, cancellationToken).ConfigureAwait(false);
                return retries;
            }
            catch (ArmException e) when (migration.ReuseName && e.Code == CacheNameAvailability.NameNotAvailableCode)
            {
                var held = DateTimeOffset.UtcNow - started;
                if (held >= limit)
                {
                    throw NameStillHeld(migration, held, e);
                }

                step.ReportStatus($"Azure still holds the name '{migration.TargetId.Name}' of the deleted cache; retrying ({(int)held.TotalMinutes} min so far)");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxDelay.Ticks));
            }
        }
    }

    private static RedisPrivateLinkException NameStillHeld(ConvertMigration migration, TimeSpan held, Exception inner)
    {
        var data = migration.Container is { } container
            ? $"The exported data is safe at '{container.BlobDisplayName(migration.ExportPrefix)}'."
            : "No data was exported (-DataMigration None).";
        return new RedisPrivateLinkException(WorkflowErrorIds.CacheNameStillHeld, RedisPrivateLinkErrorCategory.ResourceUnavailable,
            $"Azure still holds the name '{migration.TargetId.Name}' {(int)held.TotalMinutes} minutes after the source cache was deleted. {data} The new cache's configuration is recorded on resource group '{migration.TargetId.ResourceGroupName}': run the same command again later to create the cache and continue the migration.",
            migration.TargetId.ToString(), inner);
    }
}

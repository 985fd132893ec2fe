using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Creates an Azure Managed Redis cluster and, once it runs, its database; or reuses them as they are, reporting how
/// they differ. A cluster or database whose create failed is sent again, and a cluster without its database (an
/// interrupted or -NoWait run) gets it, so a re-run converges.
/// </summary>
internal static class ManagedRedisCacheStep
{
    private const string NameConflictCode = "Conflict";

    public static PlanStep Create(IArmGateway arm, ResourceId cacheId, ManagedRedisDefinition definition, bool exists, bool noWait, CacheReadiness readiness, IEnumerable<string> dependsOn, string? failedState)
    {
        var description = failedState is not null
            ? StepVerbs.Resend($"Managed Redis cache '{cacheId.Name}' ({definition.Summary}) in '{cacheId.ResourceGroupName}'", failedState)
            : exists
            ? $"Use Managed Redis cache '{cacheId.Name}' in '{cacheId.ResourceGroupName}' and its database '{ManagedRedisCacheKind.DatabaseName}'"
            : $"Create Managed Redis cache '{cacheId.Name}' ({definition.Summary}) in {definition.Location} in '{cacheId.ResourceGroupName}', with database '{ManagedRedisCacheKind.DatabaseName}' on port {CacheKind.ManagedRedis.TlsPort}";
        return new PlanStep(StepKeys.Cache, StepVerbs.Action(exists, failedState), cacheId.ToString(), description, dependsOn,
            (step, ct) => EnsureAsync(arm, cacheId, definition, noWait, readiness, step, ct))
        {
            Writes = exists && failedState is null ? null : new PlannedWrite(cacheId, definition.ToCluster()),
        }.Requires(exists && failedState is null
                ? new ArmPermission[0]
                : new[] { ArmPermission.Write(cacheId), ArmPermission.Write(cacheId.Child("databases", ManagedRedisCacheKind.DatabaseName)) });
    }

    private static async Task<StepResult> EnsureAsync(IArmGateway arm, ResourceId cacheId, ManagedRedisDefinition definition, bool noWait, CacheReadiness readiness, StepContext step, CancellationToken cancellationToken)
    {
        var existing = await CacheKind.ManagedRedis.ReadAsync(arm, cacheId, cancellationToken).ConfigureAwait(false);
        string? clusterNote = null;
        if (existing is null || FailedProvisioning.IsFailed(existing.ProvisioningState))
        {
            step.ReportStatus(noWait ? "Sending the cluster create" : "Sending the cluster create and following its operation (Azure takes tens of minutes)");
            await PutClusterAsync(arm, cacheId, definition, existing is null, waitForOperation: !noWait, cancellationToken).ConfigureAwait(false);
            clusterNote = existing is null ? null : FailedProvisioning.Resent(existing.ProvisioningState);
        }
        else if (definition.DifferencesFrom(existing) is { Count: > 0 } differences)
        {
            clusterNote = "left as it is, though it differs from the request: " + string.Join("; ", differences);
        }

        if (noWait && (existing is null || !existing.IsIdle))
        {
            readiness.IsReady = false;
            var started = existing is null ? "creation started; Azure takes tens of minutes" : $"still {existing.DescribeState()}";
            return Result(existing, clusterNote, $"{started}; its database follows on the next run (-NoWait)");
        }

        await CacheProvisioning.WaitAsync(arm, CacheKind.ManagedRedis, cacheId, step, cancellationToken).ConfigureAwait(false);
        var databaseNote = await EnsureDatabaseAsync(arm, cacheId, definition, noWait, step, cancellationToken).ConfigureAwait(false);
        readiness.IsReady = true;
        return Result(existing, clusterNote, databaseNote);
    }

    /// <param name="waitForOperation">
    /// Follow the create's operation: only its error says why a create Azure accepted failed (the cluster itself only
    /// shows CreateFailed), and a capacity failure needs other advice than any other.
    /// </param>
    private static async Task PutClusterAsync(IArmGateway arm, ResourceId cacheId, ManagedRedisDefinition definition, bool isNew, bool waitForOperation, CancellationToken cancellationToken)
    {
        try
        {
            await arm.PutAsync(cacheId, definition.ToCluster(), waitForOperation, cancellationToken).ConfigureAwait(false);
        }
        catch (ArmException e) when (ManagedRedisCreateFailures.IsCapacityError(e))
        {
            throw ManagedRedisCreateFailures.CapacityUnavailable(cacheId, definition.Sku, definition.Location, e);
        }
        catch (ArmException e) when (IsOperationFailure(e))
        {
            // Any other failed operation is judged by the state it left: CreateFailed is refused with the delete
            // advice; anything else is left to the wait that follows, which reports it as any failed provisioning.
            var cluster = await CacheKind.ManagedRedis.ReadAsync(arm, cacheId, cancellationToken).ConfigureAwait(false);
            if (cluster is not null && ManagedRedisCreateFailures.IsCreateFailed(cluster))
            {
                throw ManagedRedisCreateFailures.CreateFailed(cluster, e);
            }
        }
        // By code only: the same 409 status also means a lock (ScopeLocked, raised by the gateway as ResourceLocked)
        // or a subscription not registered for Microsoft.Cache (registered by the gateway), neither about the name.
        // Microsoft documents no code for a cluster name another subscription holds: NameNotAvailable as the classic
        // RP answers, or the generic Conflict (our reading), which on a cluster that does not exist yet can only be
        // that, unless it is the busy answer the gateway retries.
        catch (ArmException e) when (isNew && (e.Code == CacheNameAvailability.NameNotAvailableCode || (e.Code == NameConflictCode && !ArmRetryRules.IsBusy(e))))
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.CacheNameNotAvailable, RedisPrivateLinkErrorCategory.InvalidArgument,
                $"Managed Redis cache name '{cacheId.Name}' is already taken in {definition.Location}: the name is part of the DNS name {cacheId.Name}.{definition.Location}.redis.azure.net, and another cache, in this or another subscription, uses it ({e.ArmMessage ?? e.Code}). Choose another name.",
                cacheId.ToString(), e);
        }
    }

    /// <summary>
    /// A failed long-running operation reports the status of the poll that read it (2xx); ARM refusing the PUT itself
    /// answers an error status.
    /// </summary>
    private static bool IsOperationFailure(ArmException e) => e.Status is >= 200 and < 300;

    /// <summary>The cluster's one database: created when missing or Failed (not waited for with -NoWait), waited for while an earlier run's create is still running, else left as it is.</summary>
    private static async Task<string?> EnsureDatabaseAsync(IArmGateway arm, ResourceId cacheId, ManagedRedisDefinition definition, bool noWait, StepContext step, CancellationToken cancellationToken)
    {
        var databaseId = ManagedRedisCacheKind.DatabaseId(cacheId);
        var database = await arm.GetAsync<ManagedRedisDatabase>(databaseId, cancellationToken).ConfigureAwait(false);
        var state = database?.Properties?.ProvisioningState;
        string? waitedFor = null;

        // A database an earlier -NoWait or interrupted run started is still being made: what follows (an endpoint's
        // clients, Convert's import) needs it done, and a second create while it runs would be refused.
        while (!noWait && database is not null && !FailedProvisioning.IsFailed(state) && !string.Equals(state, CacheProvisioning.Succeeded, StringComparison.OrdinalIgnoreCase))
        {
            waitedFor ??= state ?? "provisioning";
            step.ReportStatus($"Waiting for database '{databaseId.Name}' to finish: it is {waitedFor}");
            await arm.WaitToPollAgainAsync(databaseId, cancellationToken).ConfigureAwait(false);
            database = await arm.GetAsync<ManagedRedisDatabase>(databaseId, cancellationToken).ConfigureAwait(false);
            state = database?.Properties?.ProvisioningState;
        }

        if (database is null || FailedProvisioning.IsFailed(state))
        {
            step.ReportStatus("Creating the database");
            await arm.PutAsync(databaseId, definition.ToDatabase(), waitForCompletion: !noWait, cancellationToken).ConfigureAwait(false);
            var created = noWait ? $"database '{databaseId.Name}' creation started (-NoWait)" : $"database '{databaseId.Name}' created";
            return database is null ? created : $"database '{databaseId.Name}' " + FailedProvisioning.Resent(state);
        }

        var waited = waitedFor is null ? null : $"database '{databaseId.Name}' was {waitedFor}; waited until it finished";
        var differences = definition.DifferencesFrom(database);
        var differs = differences.Count == 0 ? null : $"database '{databaseId.Name}' left as it is, though it differs from the request: " + string.Join("; ", differences);
        return waited is null ? differs : differs is null ? waited : waited + "; " + differs;
    }

    private static StepResult Result(CacheState? existing, string? clusterNote, string? databaseNote)
    {
        var detail = clusterNote is null ? databaseNote : databaseNote is null ? clusterNote : clusterNote + "; " + databaseNote;
        return existing is null ? StepResult.Created(detail)
            : FailedProvisioning.IsFailed(existing.ProvisioningState) ? StepResult.Updated(detail)
            : StepResult.Reused(detail);
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Creates the cache and waits for it (unless -NoWait), or reuses an existing one as it is, reporting how it differs.
/// A cache whose create failed is sent the create again, so a re-run converges.
/// </summary>
internal static class CacheStep
{
    /// <param name="failedState">The cache's provisioning state when an earlier create left it Failed, for the description; else null.</param>
    public static PlanStep Create(IArmGateway arm, ResourceId cacheId, CacheDefinition definition, bool exists, bool noWait, CacheReadiness readiness, IEnumerable<string> dependsOn, string? failedState = null)
    {
        var description = failedState is not null
            ? StepVerbs.Resend($"cache '{cacheId.Name}' ({definition.Summary}) in '{cacheId.ResourceGroupName}'", failedState)
            : exists
            ? $"Use cache '{cacheId.Name}' in '{cacheId.ResourceGroupName}'"
            : $"Create cache '{cacheId.Name}' ({definition.Summary}) in {definition.Location} in '{cacheId.ResourceGroupName}'";
        return new PlanStep(StepKeys.Cache, StepVerbs.Action(exists, failedState), cacheId.ToString(), description, dependsOn,
            (step, ct) => EnsureAsync(arm, cacheId, definition, noWait, readiness, step, ct))
        {
            Writes = exists && failedState is null ? null : new PlannedWrite(cacheId, definition.ToResource()),
        }.Requires(exists && failedState is null ? new ArmPermission[0] : new[] { ArmPermission.Write(cacheId) });
    }

    private static async Task<StepResult> EnsureAsync(IArmGateway arm, ResourceId cacheId, CacheDefinition definition, bool noWait, CacheReadiness readiness, StepContext step, CancellationToken cancellationToken)
    {
        var existing = await arm.GetAsync<RedisCache>(cacheId, cancellationToken).ConfigureAwait(false);
        if (existing is null || CacheProvisioning.IsFailed(existing))
        {
            step.ReportStatus("Sending the create");
            try
            {
                await arm.PutAsync(cacheId, definition.ToResource(), waitForCompletion: false, cancellationToken).ConfigureAwait(false);
            }
            catch (ArmException e) when (IsRetirementRefusal(e))
            {
                throw CreationBlocked(cacheId, definition, e);
            }
            catch (ArmException e) when (existing is null && e.Code == CacheNameAvailability.NameNotAvailableCode)
            {
                // Validation checks the name, except when Microsoft.Cache was not registered yet: then the create tells.
                throw new RedisPrivateLinkException(WorkflowErrorIds.CacheNameNotAvailable, RedisPrivateLinkErrorCategory.InvalidArgument,
                    $"Cache name '{cacheId.Name}' is already taken: cache names are global DNS names (<name>.redis.cache.windows.net), and another cache, in this or another subscription, uses it ({e.ArmMessage ?? e.Code}). Choose another name.",
                    cacheId.ToString(), e);
            }

            var retried = existing is null ? null : FailedProvisioning.Resent(existing.Properties?.ProvisioningState);
            if (noWait)
            {
                readiness.IsReady = false;
                return existing is null
                    ? StepResult.Created("creation started; Azure takes 15-30 minutes (-NoWait)")
                    : StepResult.Updated(retried + "; not waiting (-NoWait)");
            }

            await CacheProvisioning.WaitAsync(arm, cacheId, step, cancellationToken).ConfigureAwait(false);
            readiness.IsReady = true;
            return existing is null ? StepResult.Created() : StepResult.Updated(retried);
        }

        var differences = definition.DifferencesFrom(existing);
        var reused = differences.Count == 0 ? null : "left as it is, though it differs from the request: " + string.Join("; ", differences);
        if (CacheProvisioning.IsSucceeded(existing))
        {
            readiness.IsReady = true;
            return StepResult.Reused(reused);
        }

        var state = existing.Properties?.ProvisioningState;
        if (noWait)
        {
            readiness.IsReady = false;
            return StepResult.Reused(Join($"still {state}; not waiting (-NoWait)", reused));
        }

        await CacheProvisioning.WaitAsync(arm, cacheId, step, cancellationToken).ConfigureAwait(false);
        readiness.IsReady = true;
        return StepResult.Reused(Join($"waited for it to finish {state}", reused));
    }

    /// <summary>
    /// Azure refuses new classic caches (for new customers since 2026-04-01) with a 400 that says the service is
    /// retiring and to create Azure Managed Redis instead.
    /// </summary>
    private static bool IsRetirementRefusal(ArmException e) =>
        e.Status == 400
        && (e.ArmMessage ?? string.Empty) is var message
        && (message.IndexOf("retiring", StringComparison.OrdinalIgnoreCase) >= 0 || message.IndexOf("Azure Managed Redis", StringComparison.OrdinalIgnoreCase) >= 0);

    private static RedisPrivateLinkException CreationBlocked(ResourceId cacheId, CacheDefinition definition, ArmException e)
    {
        var mapping = ManagedRedisSkuMapping.For(definition.Sku);
        return new RedisPrivateLinkException(WorkflowErrorIds.ClassicCacheCreationBlocked, RedisPrivateLinkErrorCategory.InvalidOperation,
            $"Azure no longer creates Azure Cache for Redis caches in this subscription ({e.ArmMessage ?? e.Message}). Create an Azure Managed Redis cache instead: run the same command with {mapping.Advice(definition.Sku.Name == CacheSku.Basic)}, the Managed Redis SKU Microsoft maps {definition.Sku} to. Everything the run created so far (network, DNS zone) is reused.",
            cacheId.ToString(), e);
    }

    private static string Join(string first, string? second) => second is null ? first : first + "; " + second;
}

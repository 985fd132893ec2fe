using System;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Waits for a cache to finish provisioning by reading it, showing its state on the step's progress bar. It reads
/// rather than following the create's operation because a re-run may find the cache still Creating from an earlier
/// run, with no operation of its own to follow; one loop serves both. Between reads it waits as the gateway waits
/// between polls (15 s on Azure, scaled on the emulator).
/// </summary>
internal static class CacheProvisioning
{
    public const string Succeeded = "Succeeded";

    public static bool IsSucceeded(RedisCache cache) => string.Equals(cache.Properties?.ProvisioningState, Succeeded, StringComparison.OrdinalIgnoreCase);

    public static bool IsFailed(RedisCache cache) => FailedProvisioning.IsFailed(cache.Properties?.ProvisioningState);

    public static async Task<RedisCache> WaitAsync(IArmGateway arm, ResourceId cacheId, StepContext step, CancellationToken cancellationToken) =>
        (RedisCache)(await WaitAsync(arm, CacheKind.Classic, cacheId, step, cancellationToken).ConfigureAwait(false)).Resource;

    /// <summary>Waits until a cache of <paramref name="kind"/> is done provisioning (Managed Redis: and Running).</summary>
    public static async Task<CacheState> WaitAsync(IArmGateway arm, CacheKind kind, ResourceId cacheId, StepContext step, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;

        // Said before the first read, so the wait shows (and can be interrupted) however fast that read comes back.
        step.ReportStatus($"Waiting for cache '{cacheId.Name}' to be provisioned (Azure takes 15-30 minutes to create a cache)");
        while (true)
        {
            var cache = await kind.ReadAsync(arm, cacheId, cancellationToken).ConfigureAwait(false)
                ?? throw MissingCache.Disappeared(cacheId, "while it was being provisioned");
            if (ManagedRedisCreateFailures.IsCreateFailed(cache))
            {
                throw ManagedRedisCreateFailures.CreateFailed(cache);
            }

            if (FailedProvisioning.IsFailed(cache.ProvisioningState))
            {
                throw new RedisPrivateLinkException(WorkflowErrorIds.CacheProvisioningFailed, RedisPrivateLinkErrorCategory.InvalidOperation,
                    $"Cache '{cacheId.Name}' ended provisioning {cache.ProvisioningState}. Run the same command again to retry the create; if it fails again, delete the cache and check the Azure activity log for the cause.",
                    cacheId.ToString());
            }

            if (cache.ProvisioningState is not null && cache.IsIdle)
            {
                return cache;
            }

            step.ReportStatus($"{cache.DescribeState()} (Azure takes 15-30 minutes to create a cache; {(int)(DateTimeOffset.UtcNow - started).TotalMinutes} min so far)");
            await arm.WaitToPollAgainAsync(cacheId, cancellationToken).ConfigureAwait(false);
        }
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>What the workflows that change an existing cache, of either kind, read from it and require of it.</summary>
internal static class ExistingCache
{
    /// <exception cref="RedisPrivateLinkException">CacheNotFound.</exception>
    public static async Task<CacheState> RequireAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken)
    {
        return await CacheKind.Of(cacheId).ReadAsync(arm, cacheId, cancellationToken).ConfigureAwait(false)
            ?? throw MissingCache.Error(cacheId);
    }

    /// <summary>
    /// Azure refuses a change to a cache while an operation on it runs (creating, updating, scaling), and while it runs
    /// the cache shows its old settings, so a change can only be judged once it is done.
    /// </summary>
    /// <exception cref="RedisPrivateLinkException">CacheNotReady.</exception>
    public static void RequireIdle(CacheState cache)
    {
        if (!cache.IsIdle)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.CacheNotReady, RedisPrivateLinkErrorCategory.ResourceUnavailable,
                $"Cache '{cache.Id.Name}' is {cache.DescribeState()}, and Azure changes a cache's settings only when no other operation runs on it. Run the command again once its provisioning state is Succeeded (Get-RedisPrivateCache shows it).",
                cache.Id.ToString());
        }
    }
}

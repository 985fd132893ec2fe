using System;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>What the workflows that change an existing cache read from it and require of it.</summary>
internal static class ExistingCache
{
    /// <exception cref="RedisPrivateLinkException">CacheNotFound.</exception>
    public static async Task<RedisCache> RequireAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken) =>
        await arm.GetAsync<RedisCache>(cacheId, cancellationToken).ConfigureAwait(false)
            ?? throw new RedisPrivateLinkException(WorkflowErrorIds.CacheNotFound, RedisPrivateLinkErrorCategory.ObjectNotFound,
                $"Cache '{cacheId.Name}' does not exist in resource group '{cacheId.ResourceGroupName}'. Check the name (Get-RedisPrivateCache lists the caches).",
                cacheId.ToString());

    /// <summary>
    /// Azure's Redis provider refuses a change to a cache while an operation on it runs (creating, updating, scaling),
    /// and while it runs the cache shows its old settings, so a change can only be judged once it is Succeeded.
    /// </summary>
    /// <exception cref="RedisPrivateLinkException">CacheNotReady.</exception>
    public static void RequireIdle(RedisCache cache, ResourceId cacheId)
    {
        var state = cache.Properties?.ProvisioningState;
        if (state is not null && !string.Equals(state, "Succeeded", StringComparison.OrdinalIgnoreCase))
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.CacheNotReady, RedisPrivateLinkErrorCategory.ResourceUnavailable,
                $"Cache '{cacheId.Name}' is {state}, and Azure changes a cache's settings only when no other operation runs on it. Run the command again once its provisioning state is Succeeded (Get-RedisPrivateCache shows it).",
                cacheId.ToString());
        }
    }

    /// <summary>The cache's publicNetworkAccess; a cache that reports none has the service's default, Enabled.</summary>
    public static string PublicNetworkAccessOf(RedisCache cache) => cache.Properties?.PublicNetworkAccess ?? PublicNetworkAccessWorkflow.Enabled;
}

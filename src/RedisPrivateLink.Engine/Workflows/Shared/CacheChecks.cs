using RedisPrivateLink.Engine.Caches;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>Refusals about an existing cache that would make a private endpoint for it fail.</summary>
internal static class CacheChecks
{
    /// <summary>A VNet-injected cache cannot have private endpoints; it has to be migrated.</summary>
    public static void RequireNotVNetInjected(CacheState cache)
    {
        if (cache.IsVNetInjected)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.CacheIsVNetInjected, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"Cache '{cache.Id.Name}' is injected into subnet '{cache.SubnetId}', and a VNet-injected cache cannot have private endpoints. Move it to Private Link with Convert-VNetCacheToPrivateEndpoint, which creates a cache with a private endpoint and the same settings.",
                cache.Id.ToString());
        }
    }

    /// <summary>
    /// A cache that is idle takes a private endpoint now, and one being created, updated or scaled after the wait the
    /// plan makes for it; any other state (Failed, Disabled, Deleting...) would not end by itself, so it is refused.
    /// </summary>
    public static void RequireReady(CacheState cache)
    {
        if (!cache.IsIdle && !cache.IsSettling)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.CacheNotReady, RedisPrivateLinkErrorCategory.ResourceUnavailable,
                $"Cache '{cache.Id.Name}' is {cache.DescribeState()}, and Azure creates private endpoints only for a running cache. Run the command again once its provisioning state is Succeeded (Get-RedisPrivateCache shows it).",
                cache.Id.ToString());
        }
    }
}

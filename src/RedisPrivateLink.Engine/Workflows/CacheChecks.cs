using System;
using System.Linq;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>Refusals about an existing cache that would make a private endpoint for it fail.</summary>
internal static class CacheChecks
{
    /// <summary>States in which Azure's Redis provider accepts a private endpoint for the cache.</summary>
    private static readonly string[] ReadyStates = { "Succeeded", "Updating", "Scaling", "Patching", "ConfiguringAAD" };

    /// <summary>A VNet-injected cache cannot have private endpoints; it has to be migrated.</summary>
    public static void RequireNotVNetInjected(RedisCache cache, ResourceId cacheId)
    {
        if (!string.IsNullOrEmpty(cache.Properties?.SubnetId))
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.CacheIsVNetInjected, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"Cache '{cacheId.Name}' is injected into subnet '{cache.Properties!.SubnetId}', and a VNet-injected cache cannot have private endpoints. Move it to Private Link with Convert-VNetCacheToPrivateEndpoint, which creates a cache with a private endpoint and the same settings.",
                cacheId.ToString());
        }
    }

    public static void RequireReady(RedisCache cache, ResourceId cacheId)
    {
        var state = cache.Properties?.ProvisioningState;
        if (state is not null && !ReadyStates.Contains(state, StringComparer.OrdinalIgnoreCase))
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.CacheNotReady, RedisPrivateLinkErrorCategory.ResourceUnavailable,
                $"Cache '{cacheId.Name}' is {state}, and Azure creates private endpoints only for a running cache. Run the command again once its provisioning state is Succeeded (Get-RedisPrivateCache shows it).",
                cacheId.ToString());
        }
    }
}

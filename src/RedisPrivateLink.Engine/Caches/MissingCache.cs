using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>The error id CacheNotFound and its messages: a cache asked for that is not there, and one that vanished while a run used it.</summary>
public static class MissingCache
{
    public const string ErrorId = "CacheNotFound";

    /// <summary>The cache with this id does not exist.</summary>
    public static RedisPrivateLinkException Error(ResourceId cacheId) =>
        Error(CacheKind.Of(cacheId).DisplayName, cacheId.Name, $"in resource group '{cacheId.ResourceGroupName}'", cacheId.ToString());

    /// <param name="kindName">The kind's display name, or both kinds' when the name was looked up in both.</param>
    /// <param name="where">Where it was looked for: "in resource group '…'" or "in this subscription".</param>
    public static RedisPrivateLinkException Error(string kindName, string name, string where, string? target) =>
        new(ErrorId, RedisPrivateLinkErrorCategory.ObjectNotFound,
            $"{kindName} cache '{name}' does not exist {where}. Check the name or id (Get-RedisPrivateCache lists the caches).",
            target);

    /// <summary>The cache was there when the run started and is gone now (<paramref name="during"/>: "during the migration").</summary>
    public static RedisPrivateLinkException Disappeared(ResourceId cacheId, string during) =>
        new(ErrorId, RedisPrivateLinkErrorCategory.ObjectNotFound,
            $"Cache '{cacheId.Name}' disappeared {during}. Run the same command again to continue.",
            cacheId.ToString());
}

namespace RedisPrivateLink.Engine.Caches;

/// <summary>The kinds of cache the module serves with the same cmdlets, as <see cref="RedisPrivateCache.Kind"/> names them.</summary>
public static class CacheKinds
{
    /// <summary>Classic Azure Cache for Redis (Microsoft.Cache/redis: Basic, Standard, Premium).</summary>
    public const string AzureCacheForRedis = "AzureCacheForRedis";
}

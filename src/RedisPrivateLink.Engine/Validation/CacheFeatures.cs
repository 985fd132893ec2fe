using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>The cache settings whose validity depends on the SKU, as the cmdlet received them.</summary>
public sealed class CacheFeatures
{
    public int? ShardCount { get; set; }

    /// <summary>redisConfiguration keys and values, already checked by <see cref="CacheSkuRules.ValidateRedisConfiguration"/>.</summary>
    public IReadOnlyDictionary<string, string>? RedisConfiguration { get; set; }

    /// <summary>The subnet of a VNet-injected cache; null for a cache reached through private endpoints.</summary>
    public string? SubnetId { get; set; }

    public IReadOnlyList<string>? Zones { get; set; }

    /// <summary>Null means the module's default, 1.2.</summary>
    public string? MinimumTlsVersion { get; set; }
}

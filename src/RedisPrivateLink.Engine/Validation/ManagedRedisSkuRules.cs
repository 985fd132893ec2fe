using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>
/// The SKUs of Azure Managed Redis (Microsoft.Cache/redisEnterprise 2025-07-01) and the database options New-RedisPrivateCache
/// exposes for them. These SKUs take no capacity and no zones: a cluster is zone-redundant when high availability is on.
/// </summary>
public static class ManagedRedisSkuRules
{
    public const string OssCluster = "OSSCluster";
    public const string EnterpriseCluster = "EnterpriseCluster";
    public const string NoCluster = "NoCluster";

    /// <summary>What Azure picks for a database that states none; sent explicitly so a re-run compares like with like.</summary>
    public const string DefaultClusteringPolicy = OssCluster;

    public const string DefaultEvictionPolicy = "VolatileLRU";

    public static readonly IReadOnlyList<string> ClusteringPolicies = Array.AsReadOnly(new[] { OssCluster, EnterpriseCluster, NoCluster });

    public static readonly IReadOnlyList<string> EvictionPolicies = Array.AsReadOnly(new[]
    {
        "AllKeysLFU", "AllKeysLRU", "AllKeysRandom", "VolatileLRU", "VolatileLFU", "VolatileTTL", "VolatileRandom", "NoEviction",
    });

    public static readonly IReadOnlyList<string> Modules = Array.AsReadOnly(new[] { "RedisBloom", "RedisTimeSeries", "RediSearch", "RedisJSON" });

    /// <summary>The -Persistence choices: no persistence, RDB snapshots every 1, 6 or 12 hours, or an append-only file written every second or on every write.</summary>
    public static readonly IReadOnlyList<string> PersistenceChoices = Array.AsReadOnly(new[] { "None", "RdbEvery1h", "RdbEvery6h", "RdbEvery12h", "AofEverySecond", "AofAlways" });

    /// <summary>Every SKU name, tier by tier, smallest first.</summary>
    public static readonly IReadOnlyList<string> SkuNames = Array.AsReadOnly(
        Tier("Balanced", 'B', 0, 1, 3, 5, 10, 20, 50, 100, 150, 250, 350, 500, 700, 1000)
            .Concat(Tier("MemoryOptimized", 'M', 10, 20, 50, 100, 150, 250, 350, 500, 700, 1000, 1500, 2000))
            .Concat(Tier("ComputeOptimized", 'X', 3, 5, 10, 20, 50, 100, 150, 250, 350, 500, 700))
            .Concat(Tier("FlashOptimized", 'A', 250, 500, 700, 1000, 1500, 2000, 4500))
            .ToArray());

    /// <summary>True when <paramref name="sku"/> names an Azure Managed Redis SKU, e.g. Balanced_B5, in any casing.</summary>
    public static bool IsManagedRedisSku(string? sku) => Canonical(sku) is not null;

    /// <summary>The SKU's canonical name: Balanced_B5 for balanced_b5.</summary>
    /// <exception cref="ValidationException">InvalidCacheSku.</exception>
    public static string ParseSkuName(string? sku, string parameterName = "Sku") =>
        Canonical(sku) ?? throw new ValidationException(ValidationErrorIds.InvalidCacheSku, parameterName,
            $"{NameRules.Quote(sku)} is not an Azure Managed Redis SKU. Use one such as Balanced_B1, Balanced_B5, MemoryOptimized_M10, ComputeOptimized_X5 or FlashOptimized_A250 (the sizes of each tier are listed in Get-Help New-RedisPrivateCache -Parameter Sku).");

    /// <summary>The canonical clustering policy, or the default when none is given.</summary>
    /// <exception cref="ValidationException">InvalidClusteringPolicy.</exception>
    public static string ParseClusteringPolicy(string? policy) =>
        policy is null ? DefaultClusteringPolicy
        : ClusteringPolicies.FirstOrDefault(p => string.Equals(p, policy, StringComparison.OrdinalIgnoreCase))
          ?? throw new ValidationException(ValidationErrorIds.InvalidClusteringPolicy, "ClusteringPolicy",
              $"Clustering policy {NameRules.Quote(policy)} is not valid. Use {string.Join(", ", ClusteringPolicies)}.");

    /// <summary>The canonical eviction policy, or the default when none is given.</summary>
    /// <exception cref="ValidationException">InvalidEvictionPolicy.</exception>
    public static string ParseEvictionPolicy(string? policy) =>
        policy is null ? DefaultEvictionPolicy
        : EvictionPolicies.FirstOrDefault(p => string.Equals(p, policy, StringComparison.OrdinalIgnoreCase))
          ?? throw new ValidationException(ValidationErrorIds.InvalidEvictionPolicy, "EvictionPolicy",
              $"Eviction policy {NameRules.Quote(policy)} is not valid. Use one of {string.Join(", ", EvictionPolicies)}.");

    /// <summary>The canonical module names, each at most once.</summary>
    /// <exception cref="ValidationException">InvalidModule.</exception>
    public static IReadOnlyList<string> ParseModules(IEnumerable<string>? modules)
    {
        var result = new List<string>();
        foreach (var module in modules ?? Array.Empty<string>())
        {
            var canonical = Modules.FirstOrDefault(m => string.Equals(m, module, StringComparison.OrdinalIgnoreCase))
                ?? throw new ValidationException(ValidationErrorIds.InvalidModule, "Module",
                    $"Redis module {NameRules.Quote(module)} is not offered by Azure Managed Redis. Use {string.Join(", ", Modules)}.");
            if (!result.Contains(canonical))
            {
                result.Add(canonical);
            }
        }

        return result;
    }

    /// <summary>The canonical -Persistence choice; None when none is given.</summary>
    /// <exception cref="ValidationException">InvalidPersistence.</exception>
    public static string ParsePersistence(string? persistence) =>
        persistence is null ? PersistenceChoices[0]
        : PersistenceChoices.FirstOrDefault(p => string.Equals(p, persistence, StringComparison.OrdinalIgnoreCase))
          ?? throw new ValidationException(ValidationErrorIds.InvalidPersistence, "Persistence",
              $"Persistence {NameRules.Quote(persistence)} is not valid. Use {string.Join(", ", PersistenceChoices)}.");

    private static IEnumerable<string> Tier(string tier, char letter, params int[] sizes) =>
        sizes.Select(size => tier + "_" + letter + size.ToString(CultureInfo.InvariantCulture));

    private static string? Canonical(string? sku)
    {
        if (string.IsNullOrWhiteSpace(sku))
        {
            return null;
        }

        var value = sku!.Trim();
        return SkuNames.FirstOrDefault(name => string.Equals(name, value, StringComparison.OrdinalIgnoreCase));
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>
/// Microsoft's published mapping from Azure Cache for Redis sizes to Azure Managed Redis SKUs ("Migrate your Basic,
/// Standard, or Premium cache to Azure Managed Redis", learn.microsoft.com/azure/redis/migrate/migrate-overview).
/// <see cref="ManagedRedisSku"/> is the table's same-or-more-memory choice; where the table also offers a smaller,
/// cheaper SKU (for caches whose peak used memory stays below it), that is <see cref="CostEfficientSku"/>. A Basic
/// cache maps to the same SKU with high availability off. The one table the module keeps: New-RedisPrivateCache
/// names it when Azure refuses a classic create, and Convert-VNetCacheToPrivateEndpoint picks targets from it.
/// </summary>
public sealed class ManagedRedisSkuMapping
{
    private ManagedRedisSkuMapping(string classicSize, string managedRedisSku, string? costEfficientSku)
    {
        ClassicSize = classicSize;
        ManagedRedisSku = managedRedisSku;
        CostEfficientSku = costEfficientSku;
    }

    /// <summary>C0-C6 (Basic and Standard) or P1-P5 (Premium).</summary>
    public string ClassicSize { get; }

    public string ManagedRedisSku { get; }

    public string? CostEfficientSku { get; }

    public static IReadOnlyList<ManagedRedisSkuMapping> All { get; } = Array.AsReadOnly(new[]
    {
        new ManagedRedisSkuMapping("C0", "Balanced_B0", null),
        new ManagedRedisSkuMapping("C1", "Balanced_B1", null),
        new ManagedRedisSkuMapping("C2", "Balanced_B3", null),
        new ManagedRedisSkuMapping("C3", "Balanced_B5", null),
        new ManagedRedisSkuMapping("C4", "MemoryOptimized_M20", "MemoryOptimized_M10"),
        new ManagedRedisSkuMapping("C5", "MemoryOptimized_M50", "MemoryOptimized_M20"),
        new ManagedRedisSkuMapping("C6", "MemoryOptimized_M50", null),
        new ManagedRedisSkuMapping("P1", "Balanced_B5", null),
        new ManagedRedisSkuMapping("P2", "Balanced_B20", "Balanced_B10"),
        new ManagedRedisSkuMapping("P3", "Balanced_B50", "Balanced_B20"),
        new ManagedRedisSkuMapping("P4", "Balanced_B50", null),
        new ManagedRedisSkuMapping("P5", "Balanced_B100", null),
    });

    /// <summary>The mapping of a classic size (C0-C6, P1-P5, any casing).</summary>
    /// <exception cref="ArgumentException">Not a classic size.</exception>
    public static ManagedRedisSkuMapping For(string classicSize) =>
        All.FirstOrDefault(m => string.Equals(m.ClassicSize, classicSize, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"'{classicSize}' is not an Azure Cache for Redis size (C0-C6, P1-P5).", nameof(classicSize));

    /// <summary>The mapping of a classic SKU.</summary>
    public static ManagedRedisSkuMapping For(CacheSku sku) => For((sku ?? throw new ArgumentNullException(nameof(sku))).Size);

    /// <summary>How to ask for it: "-Sku Balanced_B5", with the cheaper choice when the table has one.</summary>
    public string Advice(bool basic) =>
        $"-Sku {ManagedRedisSku}"
        + (CostEfficientSku is null ? string.Empty : $" (or -Sku {CostEfficientSku} if the cache's peak used memory fits it)")
        + (basic ? " -HighAvailability Disabled (a Basic cache has no replica)" : string.Empty);

    public override string ToString() => ClassicSize + " -> " + ManagedRedisSku;
}

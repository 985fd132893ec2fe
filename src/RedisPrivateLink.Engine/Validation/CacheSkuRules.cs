using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>
/// Turns -Sku and -Size into the ARM sku object the way Az.RedisCache accepts them, and refuses feature combinations
/// the SKU does not support before the 15-30 minute create starts.
/// </summary>
public static class CacheSkuRules
{
    public const int MinShardCount = 1;
    public const int MaxShardCount = 30;
    public const string RequiredMinimumTlsVersion = "1.2";

    /// <summary>The redisConfiguration keys only Premium caches accept (data persistence).</summary>
    public static readonly IReadOnlyList<string> PremiumPersistenceKeys = Array.AsReadOnly(new[]
    {
        "rdb-backup-enabled",
        "rdb-backup-frequency",
        "rdb-backup-max-snapshot-count",
        "rdb-storage-connection-string",
        "aof-backup-enabled",
        "aof-storage-connection-string-0",
        "aof-storage-connection-string-1",
    });

    private static readonly string[] SkuNames = { CacheSku.Basic, CacheSku.Standard, CacheSku.Premium };

    private static readonly string[] StandardSizes = { "C0", "C1", "C2", "C3", "C4", "C5", "C6" };
    private static readonly string[] PremiumSizes = { "P1", "P2", "P3", "P4", "P5" };

    /// <summary>Az.RedisCache's memory sizes and the size code each means for Basic/Standard and for Premium.</summary>
    private static readonly (string Memory, string? StandardSize, string? PremiumSize)[] MemorySizes =
    {
        ("250MB", "C0", null),
        ("1GB", "C1", null),
        ("2.5GB", "C2", null),
        ("6GB", "C3", "P1"),
        ("13GB", "C4", "P2"),
        ("26GB", "C5", "P3"),
        ("53GB", "C6", "P4"),
        ("120GB", null, "P5"),
    };

    /// <summary>True for Basic, Standard or Premium in any casing.</summary>
    public static bool IsClassicSkuName(string? sku) => SkuNames.Any(name => string.Equals(name, sku, StringComparison.OrdinalIgnoreCase));

    /// <summary>Returns the canonical SKU name for Basic, Standard or Premium in any casing.</summary>
    public static string ParseSkuName(string? sku, string parameterName = "Sku")
    {
        var match = SkuNames.FirstOrDefault(name => string.Equals(name, sku, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new ValidationException(ValidationErrorIds.InvalidCacheSku, parameterName,
            $"Cache SKU {NameRules.Quote(sku)} is not valid. Use Basic, Standard or Premium, or an Azure Managed Redis SKU such as Balanced_B1 or MemoryOptimized_M10.");
    }

    /// <summary>
    /// Resolves -Sku and -Size: the size is C0-C6, P1-P5 or one of 250MB, 1GB, 2.5GB, 6GB, 13GB, 26GB, 53GB, 120GB,
    /// case-insensitive, and must belong to the SKU's family.
    /// </summary>
    public static CacheSku Resolve(string? sku, string? size, string skuParameterName = "Sku", string sizeParameterName = "Size")
    {
        var skuName = ParseSkuName(sku, skuParameterName);
        var isPremium = skuName == CacheSku.Premium;
        var validSizes = ValidSizesFor(skuName);

        var sizeCode = ResolveSizeCode(size, isPremium);
        if (sizeCode is null || !validSizes.Contains(sizeCode))
        {
            var memory = MemorySizes
                .Where(m => (isPremium ? m.PremiumSize : m.StandardSize) is not null)
                .Select(m => m.Memory);
            throw new ValidationException(ValidationErrorIds.InvalidCacheSize, sizeParameterName,
                $"Cache size {NameRules.Quote(size)} is not valid for the {skuName} SKU. Use one of {string.Join(", ", validSizes)} (or {string.Join(", ", memory)}).");
        }

        return new CacheSku(skuName, sizeCode[0], sizeCode[1] - '0');
    }

    /// <summary>Refuses settings the SKU cannot have. Call after <see cref="Resolve"/>.</summary>
    public static void ValidateFeatures(CacheSku sku, CacheFeatures features)
    {
        if (sku is null)
        {
            throw new ArgumentNullException(nameof(sku));
        }

        if (features is null)
        {
            throw new ArgumentNullException(nameof(features));
        }

        if (features.ShardCount is { } shardCount)
        {
            if (shardCount is < MinShardCount or > MaxShardCount)
            {
                throw new ValidationException(ValidationErrorIds.InvalidShardCount, "ShardCount",
                    $"Shard count {shardCount} is not valid. Use a number from {MinShardCount} to {MaxShardCount}.");
            }

            RequirePremium(sku, "ShardCount", "Clustering (-ShardCount)");
        }

        if (features.RedisConfiguration is { } configuration)
        {
            var persistenceKey = configuration.Keys.FirstOrDefault(key =>
                PremiumPersistenceKeys.Contains(key, StringComparer.OrdinalIgnoreCase));
            if (persistenceKey is not null)
            {
                RequirePremium(sku, "RedisConfiguration", $"Data persistence (redisConfiguration key '{persistenceKey}')");
            }
        }

        if (!string.IsNullOrEmpty(features.SubnetId))
        {
            RequirePremium(sku, "SubnetId", "VNet injection (-SubnetId)");
        }

        if (features.Zones is { Count: > 0 } && sku.Name == CacheSku.Basic)
        {
            throw new ValidationException(ValidationErrorIds.ZonesRequireStandardOrPremium, "Zone",
                $"Availability zones ({string.Join(", ", features.Zones)}) need a Standard or Premium cache; the Basic SKU has a single node. Remove -Zone or use -Sku Standard or Premium.");
        }

        if (features.MinimumTlsVersion is { } tls && tls != RequiredMinimumTlsVersion)
        {
            throw new ValidationException(ValidationErrorIds.InvalidMinimumTlsVersion, "MinimumTlsVersion",
                $"Minimum TLS version '{tls}' is not allowed: TLS 1.0 and 1.1 are retired for Azure Cache for Redis. Use {RequiredMinimumTlsVersion} or leave -MinimumTlsVersion out.");
        }
    }

    /// <summary>
    /// Checks a -RedisConfiguration hashtable: keys are non-empty strings and values strings, as ARM stores them. Keys the
    /// module does not know pass through, so new Azure settings need no module update.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ValidateRedisConfiguration(IDictionary? configuration, string parameterName = "RedisConfiguration")
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (configuration is null)
        {
            return result;
        }

        foreach (DictionaryEntry entry in configuration)
        {
            if (entry.Key is not string key || string.IsNullOrWhiteSpace(key))
            {
                throw new ValidationException(ValidationErrorIds.InvalidRedisConfiguration, parameterName,
                    $"Redis configuration key {NameRules.Quote(entry.Key?.ToString())} is not valid. Use the setting's name as a string, for example 'maxmemory-policy'.");
            }

            if (entry.Value is not string value)
            {
                // Secret keys get no value echo: the value may be a connection string given as some other type.
                var shown = IsSecretConfigurationKey(key) ? string.Empty : $" ({entry.Value?.GetType().Name ?? "null"})";
                throw new ValidationException(ValidationErrorIds.InvalidRedisConfiguration, parameterName,
                    $"Redis configuration value for '{key}' is not a string{shown}. Give it as a string, for example '50' or 'true'.");
            }

            if (result.ContainsKey(key))
            {
                throw new ValidationException(ValidationErrorIds.InvalidRedisConfiguration, parameterName,
                    $"Redis configuration key '{key}' is given more than once (keys are case-insensitive). Keep one of them.");
            }

            result.Add(key, value);
        }

        return result;
    }

    /// <summary>
    /// True for redisConfiguration keys whose values carry credentials (storage connection strings), which output,
    /// verbose and logs must redact.
    /// </summary>
    public static bool IsSecretConfigurationKey(string? key) =>
        key is not null && key.IndexOf("connection-string", StringComparison.OrdinalIgnoreCase) >= 0;

    private static string[] ValidSizesFor(string skuName) => skuName == CacheSku.Premium ? PremiumSizes : StandardSizes;

    private static string? ResolveSizeCode(string? size, bool isPremium)
    {
        if (size is null)
        {
            return null;
        }

        var code = StandardSizes.Concat(PremiumSizes)
            .FirstOrDefault(candidate => string.Equals(candidate, size, StringComparison.OrdinalIgnoreCase));
        if (code is not null)
        {
            return code;
        }

        var memory = MemorySizes.FirstOrDefault(m => string.Equals(m.Memory, size, StringComparison.OrdinalIgnoreCase));
        return isPremium ? memory.PremiumSize : memory.StandardSize;
    }

    private static void RequirePremium(CacheSku sku, string parameterName, string feature)
    {
        if (!sku.IsPremium)
        {
            throw new ValidationException(ValidationErrorIds.PremiumFeatureRequiresPremiumSku, parameterName,
                $"{feature} needs a Premium cache, but the SKU is {sku}. Use -Sku Premium with a P size, or remove the setting.");
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>The classic cache New-RedisPrivateCache asks for, validated: what it PUTs, and how an existing cache differs from it.</summary>
internal sealed class CacheDefinition : ICacheDefinition
{
    public CacheDefinition(string location, CacheSku sku)
    {
        Location = location;
        Sku = sku;
    }

    public CacheKind Kind => CacheKind.Classic;

    public string Location { get; }

    public CacheSku Sku { get; }

    public bool EnableNonSslPort { get; set; }

    public string MinimumTlsVersion { get; set; } = CacheSkuRules.RequiredMinimumTlsVersion;

    public string PublicNetworkAccess { get; set; } = "Disabled";

    public int? ShardCount { get; set; }

    public IReadOnlyDictionary<string, string> RedisConfiguration { get; set; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Zones { get; set; } = new List<string>();

    public IDictionary<string, string>? Tags { get; set; }

    /// <summary>One line for -WhatIf; no configuration values, since persistence settings hold storage keys.</summary>
    public string Summary =>
        $"{Sku}, public network access {PublicNetworkAccess}, TLS {MinimumTlsVersion}, non-TLS port {(EnableNonSslPort ? "on" : "off")}"
        + (ShardCount is { } shards ? $", {shards} shards" : string.Empty)
        + (Zones.Count > 0 ? $", zones {string.Join(",", Zones)}" : string.Empty);

    public RedisCache ToResource() => new()
    {
        Location = Location,
        Tags = Tags,
        Zones = Zones.Count > 0 ? Zones.ToList() : null,
        Properties = new RedisCacheProperties
        {
            Sku = new RedisSku { Name = Sku.Name, Family = Sku.Family, Capacity = Sku.Capacity },
            EnableNonSslPort = EnableNonSslPort,
            MinimumTlsVersion = MinimumTlsVersion,
            PublicNetworkAccess = PublicNetworkAccess,
            ShardCount = ShardCount,
            RedisConfiguration = RedisConfiguration.Count > 0 ? RedisConfiguration.ToDictionary(e => e.Key, e => e.Value) : null,
        },
    };

    /// <summary>Cache names are global DNS names, and Microsoft.Cache answers whether one is free; persistence needs its storage account.</summary>
    public async Task ValidateAgainstArmAsync(IArmGateway arm, ResourceId cacheId, bool exists, ICollection<string> notices, CancellationToken cancellationToken)
    {
        if (!exists)
        {
            await CacheNameAvailability.RequireAvailableAsync(arm, cacheId.SubscriptionId, cacheId.Name, notices, cancellationToken).ConfigureAwait(false);
        }

        await PersistenceStorageCheck.RequireReachableAsync(arm, cacheId.SubscriptionId, RedisConfiguration, notices, cancellationToken).ConfigureAwait(false);
    }

    public IReadOnlyList<string> DifferencesFrom(CacheState existing) => DifferencesFrom((RedisCache)existing.Resource);

    public PlanStep CreateStep(IArmGateway arm, ResourceId cacheId, bool exists, bool noWait, CacheReadiness readiness, IEnumerable<string> dependsOn, string? failedState) =>
        CacheStep.Create(arm, cacheId, this, exists, noWait, readiness, dependsOn, failedState);

    /// <summary>How <paramref name="existing"/> differs from this definition, one phrase per setting; values of secret settings are never shown.</summary>
    public IReadOnlyList<string> DifferencesFrom(RedisCache existing)
    {
        var differences = new List<string>();
        var properties = existing.Properties ?? new RedisCacheProperties();
        var existingSku = properties.Sku;
        if (!string.Equals(existingSku?.Name, Sku.Name, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(existingSku?.Family, Sku.Family, StringComparison.OrdinalIgnoreCase)
            || existingSku?.Capacity != Sku.Capacity)
        {
            differences.Add($"SKU {existingSku?.Name} {existingSku?.Family}{existingSku?.Capacity} (asked {Sku})");
        }

        if (!LocationRules.AreSame(existing.Location, Location))
        {
            differences.Add($"location {existing.Location} (asked {Location})");
        }

        Compare(differences, "public network access", properties.PublicNetworkAccess, PublicNetworkAccess);
        Compare(differences, "minimum TLS version", properties.MinimumTlsVersion, MinimumTlsVersion);
        Compare(differences, "non-TLS port", OnOff(properties.EnableNonSslPort ?? false), OnOff(EnableNonSslPort));
        if (ShardCount is { } shards && properties.ShardCount != shards)
        {
            differences.Add($"shard count {properties.ShardCount?.ToString() ?? "none"} (asked {shards})");
        }

        var existingZones = existing.Zones ?? new List<string>();
        if (Zones.Count > 0 && !Zones.OrderBy(z => z).SequenceEqual(existingZones.OrderBy(z => z)))
        {
            differences.Add($"zones {(existingZones.Count == 0 ? "none" : string.Join(",", existingZones))} (asked {string.Join(",", Zones)})");
        }

        foreach (var setting in RedisConfiguration)
        {
            string? current = null;
            properties.RedisConfiguration?.TryGetValue(setting.Key, out current);
            if (!string.Equals(current, setting.Value, StringComparison.Ordinal))
            {
                differences.Add(CacheSkuRules.IsSecretConfigurationKey(setting.Key)
                    ? $"redisConfiguration '{setting.Key}' differs (value not shown: it holds a storage key)"
                    : $"redisConfiguration '{setting.Key}' is {current ?? "not set"} (asked {setting.Value})");
            }
        }

        return differences;
    }

    private static void Compare(List<string> differences, string setting, string? actual, string asked)
    {
        if (!string.Equals(actual, asked, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add($"{setting} {actual ?? "not set"} (asked {asked})");
        }
    }

    private static string OnOff(bool value) => value ? "on" : "off";
}

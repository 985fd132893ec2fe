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

/// <summary>
/// The Azure Managed Redis cache New-RedisPrivateCache asks for, validated: the cluster and its one database it PUTs,
/// and how an existing cluster or database differs from them.
/// </summary>
internal sealed class ManagedRedisDefinition : ICacheDefinition
{
    private const string Enabled = "Enabled";
    private const string Disabled = "Disabled";

    public ManagedRedisDefinition(string location, string sku)
    {
        Location = location;
        Sku = sku;
    }

    public CacheKind Kind => CacheKind.ManagedRedis;

    public string Location { get; }

    /// <summary>E.g. Balanced_B5.</summary>
    public string Sku { get; }

    /// <summary>Enabled (the default: a replica, zone-redundant where the region has zones) or Disabled.</summary>
    public string HighAvailability { get; set; } = Enabled;

    public string MinimumTlsVersion { get; set; } = CacheSkuRules.RequiredMinimumTlsVersion;

    public string PublicNetworkAccess { get; set; } = Disabled;

    public string ClusteringPolicy { get; set; } = ManagedRedisSkuRules.DefaultClusteringPolicy;

    public string EvictionPolicy { get; set; } = ManagedRedisSkuRules.DefaultEvictionPolicy;

    public IReadOnlyList<string> Modules { get; set; } = Array.Empty<string>();

    /// <summary>One of <see cref="ManagedRedisSkuRules.PersistenceChoices"/>; None sends no persistence (Azure's default: off).</summary>
    public string Persistence { get; set; } = ManagedRedisSkuRules.PersistenceChoices[0];

    /// <summary>Azure creates databases with access keys Disabled (Microsoft Entra ID only); they are enabled only when asked.</summary>
    public bool EnableAccessKeysAuthentication { get; set; }

    public IDictionary<string, string>? Tags { get; set; }

    public string Summary =>
        $"Azure Managed Redis {Sku}, high availability {HighAvailability}, public network access {PublicNetworkAccess}, TLS {MinimumTlsVersion}, {ClusteringPolicy}, eviction {EvictionPolicy}, access keys {AccessKeys}"
        + (Modules.Count > 0 ? $", modules {string.Join(",", Modules)}" : string.Empty)
        + (Persistence == ManagedRedisSkuRules.PersistenceChoices[0] ? string.Empty : $", persistence {Persistence}");

    private string AccessKeys => EnableAccessKeysAuthentication ? Enabled : Disabled;

    /// <summary>
    /// Nothing to read: Managed Redis has no checkNameAvailability (a name another cluster holds comes back as the
    /// cluster PUT's conflict, which the create step reports as CacheNameNotAvailable), and no persistence storage account.
    /// </summary>
    public Task ValidateAgainstArmAsync(IArmGateway arm, ResourceId cacheId, bool exists, ICollection<string> notices, CancellationToken cancellationToken) => Task.CompletedTask;

    public PlanStep CreateStep(IArmGateway arm, ResourceId cacheId, bool exists, bool noWait, CacheReadiness readiness, IEnumerable<string> dependsOn, string? failedState) =>
        ManagedRedisCacheStep.Create(arm, cacheId, this, exists, noWait, readiness, dependsOn, failedState);

    /// <summary>publicNetworkAccess is always sent: 2025-07-01 requires it on PUT.</summary>
    public ManagedRedisCluster ToCluster() => new()
    {
        Location = Location,
        Tags = Tags,
        Sku = new ManagedRedisSku { Name = Sku },
        Properties = new ManagedRedisClusterProperties
        {
            HighAvailability = HighAvailability,
            MinimumTlsVersion = MinimumTlsVersion,
            PublicNetworkAccess = PublicNetworkAccess,
        },
    };

    public ManagedRedisDatabase ToDatabase() => new()
    {
        Properties = new ManagedRedisDatabaseProperties
        {
            ClientProtocol = "Encrypted",
            Port = Kind.TlsPort,
            ClusteringPolicy = ClusteringPolicy,
            EvictionPolicy = EvictionPolicy,
            Modules = Modules.Count > 0 ? Modules.Select(m => new ManagedRedisModule { Name = m }).ToList() : null,
            AccessKeysAuthentication = EnableAccessKeysAuthentication ? Enabled : null,
            Persistence = PersistenceModel(Persistence),
        },
    };

    public IReadOnlyList<string> DifferencesFrom(CacheState existing)
    {
        var cluster = (ManagedRedisCluster)existing.Resource;
        var differences = new List<string>();
        Compare(differences, "SKU", cluster.Sku?.Name, Sku);
        if (!LocationRules.AreSame(cluster.Location, Location))
        {
            differences.Add($"location {cluster.Location} (asked {Location})");
        }

        Compare(differences, "high availability", cluster.Properties?.HighAvailability, HighAvailability);
        Compare(differences, "public network access", existing.PublicNetworkAccess, PublicNetworkAccess);
        Compare(differences, "minimum TLS version", cluster.Properties?.MinimumTlsVersion, MinimumTlsVersion);
        return differences;
    }

    /// <summary>How an existing database differs from the one asked for; its settings stay as they are.</summary>
    public IReadOnlyList<string> DifferencesFrom(ManagedRedisDatabase existing)
    {
        var properties = existing.Properties ?? new ManagedRedisDatabaseProperties();
        var differences = new List<string>();
        Compare(differences, "clustering policy", properties.ClusteringPolicy, ClusteringPolicy);
        Compare(differences, "eviction policy", properties.EvictionPolicy, EvictionPolicy);
        Compare(differences, "access keys authentication", properties.AccessKeysAuthentication ?? Disabled, AccessKeys);
        Compare(differences, "persistence", PersistenceChoiceOf(properties.Persistence), Persistence);
        var modules = (properties.Modules ?? new List<ManagedRedisModule>()).Select(m => m.Name).OfType<string>().ToList();
        if (Modules.Count > 0 && !Modules.All(m => modules.Contains(m, StringComparer.OrdinalIgnoreCase)))
        {
            differences.Add($"modules {(modules.Count == 0 ? "none" : string.Join(",", modules))} (asked {string.Join(",", Modules)})");
        }

        return differences;
    }

    private static ManagedRedisPersistence? PersistenceModel(string choice) => choice switch
    {
        "RdbEvery1h" => new ManagedRedisPersistence { RdbEnabled = true, RdbFrequency = "1h" },
        "RdbEvery6h" => new ManagedRedisPersistence { RdbEnabled = true, RdbFrequency = "6h" },
        "RdbEvery12h" => new ManagedRedisPersistence { RdbEnabled = true, RdbFrequency = "12h" },
        "AofEverySecond" => new ManagedRedisPersistence { AofEnabled = true, AofFrequency = "1s" },
        "AofAlways" => new ManagedRedisPersistence { AofEnabled = true, AofFrequency = "always" },
        _ => null,
    };

    /// <summary>The -Persistence choice an existing database's persistence amounts to.</summary>
    private static string PersistenceChoiceOf(ManagedRedisPersistence? persistence) =>
        persistence?.RdbEnabled is true ? "RdbEvery" + persistence.RdbFrequency
        : persistence?.AofEnabled is true ? string.Equals(persistence.AofFrequency, "always", StringComparison.OrdinalIgnoreCase) ? "AofAlways" : "AofEverySecond"
        : ManagedRedisSkuRules.PersistenceChoices[0];

    private static void Compare(List<string> differences, string setting, string? actual, string asked)
    {
        if (!string.Equals(actual, asked, StringComparison.OrdinalIgnoreCase))
        {
            differences.Add($"{setting} {actual ?? "not set"} (asked {asked})");
        }
    }
}

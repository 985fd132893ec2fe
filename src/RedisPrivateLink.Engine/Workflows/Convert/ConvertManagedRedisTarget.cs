using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// What -TargetSku makes of the VNet-injected source: an Azure Managed Redis cluster and its database with the
/// source's tags, eviction policy, persistence and availability, and the clustering policy its clients can use
/// unchanged; plus the notices that say what does not carry over and what clients must change.
/// </summary>
internal static class ConvertManagedRedisTarget
{
    private const string MaxMemoryPolicyKey = "maxmemory-policy";
    private const string RdbEnabledKey = "rdb-backup-enabled";
    private const string RdbFrequencyKey = "rdb-backup-frequency";
    private const string AofEnabledKey = "aof-backup-enabled";

    /// <summary>redisConfiguration keys Azure computes itself: not the user's settings, so not worth a notice.</summary>
    private static readonly string[] ComputedConfigurationKeys =
    {
        "maxclients", "zonal-configuration", "preferred-data-archive-auth-method", "preferred-data-persistence-auth-method",
    };

    public static ManagedRedisDefinition Definition(MigrationSource source, string sku, string location, bool enableAccessKeys, params (string Name, string Value)[] migrationTags)
    {
        var userTags = source.Cache.Tags?.Where(tag => !MigrationTags.IsMigrationTag(tag.Key)).ToDictionary(t => t.Key, t => t.Value);
        return new ManagedRedisDefinition(location, sku)
        {
            HighAvailability = HasReplica(source) ? "Enabled" : "Disabled",
            ClusteringPolicy = ClusteringPolicy(source),
            EvictionPolicy = EvictionPolicy(source),
            Persistence = Persistence(source),
            EnableAccessKeysAuthentication = enableAccessKeys,
            Tags = MigrationTags.With(userTags, MigrationStage.Created, new[] { (MigrationTags.Source, source.Id.ToString()) }.Concat(migrationTags).ToArray()),
        };
    }

    /// <summary>
    /// A source clustered over several shards has cluster-aware clients, which OSSCluster serves best (each client
    /// talks to the shard it needs); one that is not clustered, or has a single shard, gets EnterpriseCluster, which
    /// shows clients one endpoint as a non-clustered cache does and, unlike NoCluster, is offered on every SKU.
    /// </summary>
    public static string ClusteringPolicy(MigrationSource source) =>
        source.Cache.Properties?.ShardCount > 1 ? ManagedRedisSkuRules.OssCluster : ManagedRedisSkuRules.EnterpriseCluster;

    /// <summary>maxmemory-policy volatile-lru is VolatileLRU; none (the classic default, volatile-lru) is the Managed Redis default, the same policy.</summary>
    public static string EvictionPolicy(MigrationSource source)
    {
        var policy = ConfigurationValue(source, MaxMemoryPolicyKey);
        if (policy is null)
        {
            return ManagedRedisSkuRules.DefaultEvictionPolicy;
        }

        var compact = policy.Replace("-", string.Empty);
        return ManagedRedisSkuRules.EvictionPolicies.FirstOrDefault(p => string.Equals(p, compact, StringComparison.OrdinalIgnoreCase))
            ?? ManagedRedisSkuRules.DefaultEvictionPolicy;
    }

    /// <summary>
    /// The source's persistence as Managed Redis offers it, on its own disks (no storage account): AOF stays AOF (the
    /// classic one writes every second); RDB snapshots as often as the source's or more, among every 1, 6 or 12 hours,
    /// except that a source snapshotting every 15 or 30 minutes gets hourly, the most Managed Redis offers.
    /// </summary>
    public static string Persistence(MigrationSource source)
    {
        if (IsTrue(ConfigurationValue(source, AofEnabledKey)))
        {
            return "AofEverySecond";
        }

        if (!IsTrue(ConfigurationValue(source, RdbEnabledKey)))
        {
            return ManagedRedisSkuRules.PersistenceChoices[0];
        }

        var minutes = int.TryParse(ConfigurationValue(source, RdbFrequencyKey), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 60;
        return minutes <= 60 ? "RdbEvery1h" : minutes <= 360 ? "RdbEvery6h" : "RdbEvery12h";
    }

    /// <summary>The notices of a migration to Managed Redis: the SKU and its mapping, the client changes, what is not copied.</summary>
    public static IEnumerable<string> Notices(MigrationSource source, ResourceId targetId, ManagedRedisDefinition definition, ManagedRedisSkuMapping mapping, bool suggested)
    {
        var size = source.Cache.Properties?.Sku?.Family + source.Cache.Properties?.Sku?.Capacity;
        var cheaper = mapping.CostEfficientSku is null ? string.Empty : $", or {mapping.CostEfficientSku} if the cache's peak used memory fits it";
        yield return suggested
            ? $"Target SKU {definition.Sku}: Microsoft's mapping suggests it for {source.SkuText} ({mapping}{cheaper})."
            : $"Target SKU {definition.Sku} as asked; Microsoft's mapping suggests {mapping.ManagedRedisSku} for {size} ({mapping}{cheaper}).";

        var oldHost = source.Cache.Properties?.HostName ?? source.Id.Name;
        var newHost = $"{CacheKind.ManagedRedis.RecordName(targetId.Name, null, definition.Location)}.redis.azure.net";
        var oldPort = source.Cache.Properties?.SslPort ?? CacheKind.Classic.TlsPort;
        yield return $"Clients must change: host name '{oldHost}' -> '{newHost}', port {oldPort} -> {CacheKind.ManagedRedis.TlsPort} (TLS only), a single database (db 0 only: SELECT of another database fails), and authentication: "
            + (definition.EnableAccessKeysAuthentication
                ? "the source's access keys do not carry over, so use the new cache's keys (-EnableAccessKeysAuthentication) or Microsoft Entra ID."
                : "the source used access keys, and the new cache accepts Microsoft Entra ID only (access keys authentication Disabled; give -EnableAccessKeysAuthentication to use keys).");

        yield return $"Database '{ManagedRedisCacheKind.DatabaseName}': clustering policy {definition.ClusteringPolicy} ({(definition.ClusteringPolicy == ManagedRedisSkuRules.OssCluster ? $"the source is clustered over {source.Cache.Properties?.ShardCount} shards" : "the source's clients see one endpoint, as before")}), eviction policy {definition.EvictionPolicy} (from maxmemory-policy {ConfigurationValue(source, MaxMemoryPolicyKey) ?? "volatile-lru (default)"}), persistence {definition.Persistence}{PersistenceOrigin(source)}, high availability {definition.HighAvailability}.";

        var uncopied = UncopiedSettings(source).ToList();
        if (uncopied.Count > 0)
        {
            yield return $"Not copied to Azure Managed Redis, which has no equivalent: {string.Join("; ", uncopied)}.";
        }
    }

    private static IEnumerable<string> UncopiedSettings(MigrationSource source)
    {
        var properties = source.Cache.Properties!;
        var keys = (properties.RedisConfiguration ?? new Dictionary<string, string>()).Keys
            .Where(key => !string.Equals(key, MaxMemoryPolicyKey, StringComparison.OrdinalIgnoreCase)
                          && !CacheSkuRules.PremiumPersistenceKeys.Contains(key, StringComparer.OrdinalIgnoreCase)
                          && !ComputedConfigurationKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            .OrderBy(key => key, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (keys.Count > 0)
        {
            yield return "redisConfiguration " + string.Join(", ", keys.Select(k => "'" + k + "'"));
        }

        if (source.FirewallRules.Count > 0)
        {
            yield return $"{source.FirewallRules.Count} firewall rule{(source.FirewallRules.Count == 1 ? string.Empty : "s")} (Managed Redis has none; it answers only on its private endpoint)";
        }

        if (source.PatchSchedule is not null)
        {
            yield return "the patch schedule";
        }

        if (properties.ShardCount is { } shards)
        {
            yield return $"the shard count {shards} (Managed Redis shards by SKU)";
        }

        if (properties.ReplicasPerPrimary > 1)
        {
            yield return $"{properties.ReplicasPerPrimary} replicas per primary (high availability keeps one)";
        }

        if (source.Cache.Zones?.Count > 0)
        {
            yield return $"zones {string.Join(",", source.Cache.Zones)} (with high availability Managed Redis is zone-redundant where the region has zones)";
        }

        if (properties.EnableNonSslPort == true)
        {
            yield return "the non-TLS port 6379";
        }

        if (source.HasIdentity)
        {
            yield return "the managed identity";
        }

        yield return "the static IP in the injected subnet, the access keys and role assignments on the cache";
    }

    /// <summary>A Basic cache has no replica; every other source has one, which Managed Redis keeps with high availability.</summary>
    private static bool HasReplica(MigrationSource source) =>
        !string.Equals(source.Cache.Properties?.Sku?.Name, CacheSku.Basic, StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the persistence came from; the storage account of classic persistence is not used by Managed Redis.</summary>
    private static string PersistenceOrigin(MigrationSource source) =>
        IsTrue(ConfigurationValue(source, AofEnabledKey)) ? " (from the source's AOF persistence; Managed Redis persists to its own disks, not the source's storage account)"
        : IsTrue(ConfigurationValue(source, RdbEnabledKey)) ? $" (from the source's RDB backups every {ConfigurationValue(source, RdbFrequencyKey) ?? "60"} minutes; Managed Redis snapshots at most hourly, to its own disks, not the source's storage account)"
        : string.Empty;

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);

    private static string? ConfigurationValue(MigrationSource source, string key) =>
        source.Cache.Properties?.RedisConfiguration?.FirstOrDefault(setting => string.Equals(setting.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
}

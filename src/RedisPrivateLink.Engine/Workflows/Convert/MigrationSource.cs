using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// The VNet-injected cache being migrated, read whole: the cache and its firewall rules and patch schedule. It builds
/// the target's definition — the same configuration, without the subnet, with public network access Disabled.
/// </summary>
internal sealed class MigrationSource
{
    public const string PatchScheduleName = "default";

    /// <summary>redisConfiguration keys Azure computes and refuses on a write.</summary>
    private static readonly string[] ReadOnlyConfigurationKeys =
    {
        "maxclients", "zonal-configuration", "preferred-data-archive-auth-method", "preferred-data-persistence-auth-method",
    };

    private MigrationSource(ResourceId id, RedisCache cache, IReadOnlyList<MigrationChildResource> firewallRules, MigrationChildResource? patchSchedule)
    {
        Id = id;
        Cache = cache;
        FirewallRules = firewallRules;
        PatchSchedule = patchSchedule;
    }

    public ResourceId Id { get; }

    public RedisCache Cache { get; }

    public IReadOnlyList<MigrationChildResource> FirewallRules { get; }

    public MigrationChildResource? PatchSchedule { get; }

    /// <summary>
    /// The settings as tags for a -ReuseName target (see <see cref="MigrationSettingsTags"/>), or none when they would
    /// not fit beside the user's tags and the migration's own.
    /// </summary>
    public IReadOnlyList<(string Name, string Value)> SettingsTags
    {
        get
        {
            const int migrationTags = 4;
            var pieces = MigrationSettingsTags.Encode(Settings);
            var userTags = Cache.Tags?.Count(tag => !MigrationTags.IsMigrationTag(tag.Key)) ?? 0;
            return userTags + migrationTags + pieces.Count <= MigrationSettingsTags.MaxTagsPerResource ? pieces : Array.Empty<(string, string)>();
        }
    }

    /// <summary>The firewall rules and the patch schedule, as the target receives them.</summary>
    public IReadOnlyList<MigrationSetting> Settings =>
        FirewallRules
            .Where(rule => rule.Name is not null)
            .Select(rule => new MigrationSetting { Collection = MigrationSetting.FirewallRules, Name = ChildName(rule.Name!), Properties = rule.Properties })
            .Concat(PatchSchedule is null
                ? Enumerable.Empty<MigrationSetting>()
                : new[] { new MigrationSetting { Collection = MigrationSetting.PatchSchedules, Name = PatchScheduleName, Properties = PatchSchedule.Properties } })
            .ToList();

    public ResourceId InjectedSubnetId => ResourceId.Parse(Cache.Properties!.SubnetId);

    public bool IsPremium => string.Equals(Cache.Properties?.Sku?.Name, CacheSku.Premium, StringComparison.OrdinalIgnoreCase);

    public string SkuText => $"{Cache.Properties?.Sku?.Name} {Cache.Properties?.Sku?.Family}{Cache.Properties?.Sku?.Capacity}";

    /// <summary>The redisConfiguration keys whose values are storage connection strings, which are not copied.</summary>
    public IReadOnlyList<string> SecretConfigurationKeys =>
        Configuration.Keys.Where(CacheSkuRules.IsSecretConfigurationKey).OrderBy(k => k, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// Persistence settings move only with their storage connection strings, which Azure never returns in full: Azure
    /// refuses persistence enabled without them, so the persistence keys are left out when any secret key is.
    /// </summary>
    public IReadOnlyList<string> UncopiedConfigurationKeys =>
        Configuration.Keys.Where(key => CacheSkuRules.IsSecretConfigurationKey(key)
                                        || (SecretConfigurationKeys.Count > 0 && CacheSkuRules.PremiumPersistenceKeys.Contains(key, StringComparer.OrdinalIgnoreCase)))
            .OrderBy(k => k, StringComparer.OrdinalIgnoreCase)
            .ToList();

    private IDictionary<string, string> Configuration => Cache.Properties?.RedisConfiguration ?? new Dictionary<string, string>();

    public static async Task<MigrationSource> ReadAsync(IArmGateway arm, ResourceId id, RedisCache cache, CancellationToken cancellationToken)
    {
        IReadOnlyList<MigrationChildResource> rules;
        try
        {
            rules = await arm.ListAsync<MigrationChildResource>(id + "/firewallRules", cancellationToken).ConfigureAwait(false);
        }
        catch (ArmException e) when (e.Status == 404)
        {
            rules = Array.Empty<MigrationChildResource>();
        }

        var schedule = await arm.GetAsync<MigrationChildResource>(id.Child("patchSchedules", PatchScheduleName), cancellationToken).ConfigureAwait(false);
        return new MigrationSource(id, cache, rules, schedule);
    }

    /// <summary>
    /// The definition to send again for a -ReuseName target an earlier run created and Azure left Failed, once the
    /// source is gone: the target's own configuration, with the migration tags it carries.
    /// </summary>
    public static RedisCache ResendDefinition(RedisCache target, ResourceId targetId)
    {
        var carried = (target.Tags ?? new Dictionary<string, string>())
            .Where(tag => MigrationTags.IsMigrationTag(tag.Key) && tag.Key != MigrationTags.Stage && tag.Key != MigrationTags.Source)
            .Select(tag => (tag.Key, tag.Value))
            .ToArray();
        return new MigrationSource(targetId, target, Array.Empty<MigrationChildResource>(), patchSchedule: null).ToTarget(MigrationTags.StageOf(target), carried);
    }

    /// <summary>The linked servers' ids of a geo-replicated cache; empty when it has none.</summary>
    public static IReadOnlyList<string> LinkedServersOf(RedisCache cache)
    {
        if (cache.Properties?.AdditionalProperties is not { } more || !more.TryGetValue("linkedServers", out var linked) || linked.ValueKind != JsonValueKind.Array)
        {
            return Array.Empty<string>();
        }

        return linked.EnumerateArray()
            .Select(link => link.ValueKind == JsonValueKind.Object && link.TryGetProperty("id", out var id) ? id.GetString() : null)
            .OfType<string>()
            .ToList();
    }

    /// <summary>
    /// The target cache's definition: the source's whole configuration without its subnet (a cache with a private
    /// endpoint is not injected), public network access Disabled, and the migration's tags.
    /// </summary>
    public RedisCache ToTarget(MigrationStage stage, params (string Name, string Value)[] migrationTags)
    {
        var properties = Cache.Properties!;
        var isPremium = IsPremium;
        var target = new RedisCache
        {
            Location = Cache.Location,
            Zones = Cache.Zones?.Count > 0 ? Cache.Zones.ToList() : null,
            Tags = MigrationTags.With(Cache.Tags?.Where(tag => !MigrationTags.IsMigrationTag(tag.Key)).ToDictionary(t => t.Key, t => t.Value), stage,
                new[] { (MigrationTags.Source, Id.ToString()) }.Concat(migrationTags).ToArray()),
            Properties = new RedisCacheProperties
            {
                Sku = new RedisSku { Name = properties.Sku?.Name, Family = properties.Sku?.Family, Capacity = properties.Sku?.Capacity },
                ShardCount = properties.ShardCount,
                ReplicasPerPrimary = isPremium ? properties.ReplicasPerPrimary : null,
                RedisVersion = properties.RedisVersion,
                MinimumTlsVersion = properties.MinimumTlsVersion,
                EnableNonSslPort = properties.EnableNonSslPort,
                PublicNetworkAccess = "Disabled",
                RedisConfiguration = CopiedConfiguration(),
            },
        };
        if (IdentityForTarget() is { } identity)
        {
            target.AdditionalProperties = new Dictionary<string, JsonElement> { ["identity"] = identity };
        }

        return target;
    }

    private Dictionary<string, string>? CopiedConfiguration()
    {
        var uncopied = UncopiedConfigurationKeys;
        var copied = Configuration
            .Where(setting => !uncopied.Contains(setting.Key, StringComparer.OrdinalIgnoreCase)
                              && !ReadOnlyConfigurationKeys.Contains(setting.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(setting => setting.Key, setting => setting.Value);
        return copied.Count > 0 ? copied : null;
    }

    /// <summary>
    /// The identity the target asks for: the same type and user-assigned identities. The principal and client ids are
    /// Azure's answer, not part of a request, and a system-assigned identity is necessarily a new principal.
    /// </summary>
    private JsonElement? IdentityForTarget()
    {
        if (Cache.AdditionalProperties is not { } more || !more.TryGetValue("identity", out var identity) || identity.ValueKind != JsonValueKind.Object
            || !identity.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || string.Equals(type.GetString(), "None", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var request = new Dictionary<string, object> { ["type"] = type.GetString()! };
        if (identity.TryGetProperty("userAssignedIdentities", out var assigned) && assigned.ValueKind == JsonValueKind.Object)
        {
            request["userAssignedIdentities"] = assigned.EnumerateObject().ToDictionary(p => p.Name, _ => new Dictionary<string, object>());
        }

        using var document = JsonDocument.Parse(JsonSerializer.Serialize(request));
        return document.RootElement.Clone();
    }

    /// <summary>True when the source has a managed identity (system- or user-assigned).</summary>
    public bool HasIdentity => IdentityForTarget() is not null;

    /// <summary>True when the source's identity includes a system-assigned principal, which the target cannot inherit.</summary>
    public bool HasSystemAssignedIdentity =>
        IdentityForTarget() is { } identity && identity.GetProperty("type").GetString()!.IndexOf("SystemAssigned", StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>ARM names a cache's child "cache/child"; the child's own name is the last part.</summary>
    private static string ChildName(string name) => name.Substring(name.LastIndexOf('/') + 1);
}

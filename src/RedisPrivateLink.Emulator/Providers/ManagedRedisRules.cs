using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RedisPrivateLink.Emulator.Arm;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// What the Managed Redis RP checks (azure-rest-api-specs, redisenterprise stable/2025-07-01): the cluster name pattern
/// ^(?=.{1,60}$)[A-Za-z0-9]+(-[A-Za-z0-9]+)*$, the SKU enum, capacity and zones only for the legacy Enterprise families
/// (the new families are sized by name and zone-redundant when highAvailability is Enabled), publicNetworkAccess
/// (Enabled/Disabled, required by ClusterCreateProperties from 2025-07-01 on), and the one database, default, with its
/// port set only at create (10000 unless the create names one) and the clustering, protocol, eviction and access-key enums.
/// </summary>
internal static partial class ManagedRedisRules
{
    /// <summary>The api-version that introduced publicNetworkAccess (and requires it on PUT).</summary>
    public const string PublicNetworkAccessVersion = "2025-07-01";

    /// <summary>The port a database listens on when its create names none.</summary>
    public const int DatabasePort = 10000;

    private const int MaxPort = 65535;

    private static readonly string[] ManagedSkus =
    [
        "Balanced_B0", "Balanced_B1", "Balanced_B3", "Balanced_B5", "Balanced_B10", "Balanced_B20", "Balanced_B50", "Balanced_B100",
        "Balanced_B150", "Balanced_B250", "Balanced_B350", "Balanced_B500", "Balanced_B700", "Balanced_B1000",
        "MemoryOptimized_M10", "MemoryOptimized_M20", "MemoryOptimized_M50", "MemoryOptimized_M100", "MemoryOptimized_M150",
        "MemoryOptimized_M250", "MemoryOptimized_M350", "MemoryOptimized_M500", "MemoryOptimized_M700", "MemoryOptimized_M1000",
        "MemoryOptimized_M1500", "MemoryOptimized_M2000",
        "ComputeOptimized_X3", "ComputeOptimized_X5", "ComputeOptimized_X10", "ComputeOptimized_X20", "ComputeOptimized_X50",
        "ComputeOptimized_X100", "ComputeOptimized_X150", "ComputeOptimized_X250", "ComputeOptimized_X350", "ComputeOptimized_X500",
        "ComputeOptimized_X700",
        "FlashOptimized_A250", "FlashOptimized_A500", "FlashOptimized_A700", "FlashOptimized_A1000", "FlashOptimized_A1500",
        "FlashOptimized_A2000", "FlashOptimized_A4500",
    ];

    private static readonly string[] LegacySkus =
    [
        "Enterprise_E1", "Enterprise_E5", "Enterprise_E10", "Enterprise_E20", "Enterprise_E50", "Enterprise_E100", "Enterprise_E200",
        "Enterprise_E400", "EnterpriseFlash_F300", "EnterpriseFlash_F700", "EnterpriseFlash_F1500",
    ];

    private static readonly string[] EnabledDisabled = ["Enabled", "Disabled"];
    private static readonly string[] ClusteringPolicies = ["OSSCluster", "EnterpriseCluster", "NoCluster"];
    private static readonly string[] ClientProtocols = ["Encrypted", "Plaintext"];

    private static readonly string[] EvictionPolicies =
        ["AllKeysLFU", "AllKeysLRU", "AllKeysRandom", "VolatileLRU", "VolatileLFU", "VolatileTTL", "VolatileRandom", "NoEviction"];

    /// <summary>A cluster PUT: name and availability at create, then the body's SKU and settings.</summary>
    public static void ValidateCluster(WriteContext context)
    {
        var skuName = RequireSku(context.Request);
        if (context.Existing is null)
        {
            ValidateCreate(context, skuName);
        }

        var properties = context.Request["properties"] as JsonObject ?? [];
        if (HasPublicNetworkAccess(context.ApiVersion) && properties["publicNetworkAccess"] is null)
        {
            throw ManagedRedisErrors.InvalidParameter("properties.publicNetworkAccess",
                $"It is required from api-version {PublicNetworkAccessVersion} on: set it to 'Enabled' or 'Disabled'.");
        }

        ValidateSettings(properties);
    }

    /// <summary>A cluster PATCH, on the body it would leave: the same SKU and setting rules; publicNetworkAccess cannot go back to null.</summary>
    public static void ValidateClusterPatch(WriteContext context)
    {
        RequireSku(context.Request);
        var properties = context.Request["properties"] as JsonObject ?? [];
        if (context.Existing!.Body["properties"]?["publicNetworkAccess"] is not null && properties["publicNetworkAccess"] is null)
        {
            throw ManagedRedisErrors.InvalidParameter("properties.publicNetworkAccess", "Only 'Enabled' or 'Disabled' can be set.");
        }

        ValidateSettings(properties);
    }

    /// <summary>The legacy Enterprise and Enterprise Flash families (kind v1, host under redisenterprise.cache.azure.net).</summary>
    public static bool IsLegacy(string? skuName) =>
        LegacySkus.Contains(skuName ?? "", StringComparer.OrdinalIgnoreCase);

    /// <summary>The SKU name as Azure spells it.</summary>
    public static string CanonicalSku(string skuName) =>
        ManagedSkus.Concat(LegacySkus).FirstOrDefault(s => s.Equals(skuName, StringComparison.OrdinalIgnoreCase)) ?? skuName;

    /// <summary>publicNetworkAccess exists (and is required on PUT) from 2025-07-01; earlier versions neither send nor set it.</summary>
    public static bool HasPublicNetworkAccess(string apiVersion) =>
        string.CompareOrdinal(apiVersion.Length >= 10 ? apiVersion[..10] : apiVersion, PublicNetworkAccessVersion) >= 0;

    /// <summary>A database PUT or PATCH: the name, the create-only port and modules, the enums, and the clustering rule.</summary>
    public static void ValidateDatabase(WriteContext context)
    {
        var name = context.Id[(context.Id.LastIndexOf('/') + 1)..];
        if (!name.Equals(ManagedRedisProvider.DefaultDatabase, StringComparison.Ordinal))
        {
            throw ManagedRedisErrors.DatabaseName(context.Options.Clock.GetUtcNow());
        }

        var properties = context.Request["properties"] as JsonObject ?? [];
        if (properties["port"] is { } port && (port is not JsonValue value || !value.TryGetValue<int>(out var number) || number is < 1 or > MaxPort))
        {
            throw ManagedRedisErrors.InvalidParameter("properties.port",
                $"A database's port is a TCP port, 1 to {MaxPort}; leave it out for {DatabasePort}.");
        }

        RequireOneOf(properties, "clusteringPolicy", ClusteringPolicies);
        RequireOneOf(properties, "clientProtocol", ClientProtocols);
        RequireOneOf(properties, "evictionPolicy", EvictionPolicies);
        RequireOneOf(properties, "accessKeysAuthentication", EnabledDisabled);
        if (context.Existing?.Body["properties"] is JsonObject existing)
        {
            ValidateDatabaseUpdate(existing, properties);
        }
    }

    /// <summary>The port and modules are fixed at create (x-ms-mutability read, create); clustering can change only away from NoCluster (the spec's rule).</summary>
    private static void ValidateDatabaseUpdate(JsonObject existing, JsonObject properties)
    {
        if (properties["port"] is JsonValue port && existing["port"] is JsonValue created && port.GetValue<int>() != created.GetValue<int>())
        {
            throw ManagedRedisErrors.CannotBeModified("properties.port");
        }

        var from = JsonMerge.String(existing, "clusteringPolicy");
        var to = JsonMerge.String(properties, "clusteringPolicy");
        if (to is not null && from is not null && !to.Equals(from, StringComparison.OrdinalIgnoreCase) && from != "NoCluster")
        {
            throw ManagedRedisErrors.CannotBeModified("properties.clusteringPolicy");
        }

        if (properties["modules"] is JsonArray requested && !ModuleNames(requested).SequenceEqual(ModuleNames(existing["modules"] as JsonArray ?? [])))
        {
            throw ManagedRedisErrors.CannotBeModified("properties.modules");
        }
    }

    private static IEnumerable<string> ModuleNames(JsonArray modules) =>
        modules.Select(m => JsonMerge.String(m, "name") ?? "").Order(StringComparer.OrdinalIgnoreCase);

    private static void ValidateCreate(WriteContext context, string skuName)
    {
        if (!ClusterName().IsMatch(context.Name))
        {
            throw ManagedRedisErrors.InvalidName(context.Name);
        }

        if (IsLegacy(skuName) && context.Options.RefuseClassicCreate)
        {
            throw ManagedRedisErrors.EnterpriseRetiring();
        }

        if (CacheNames.IsTaken(context.Name, ManagedRedisProvider.Type, context.Store, context.Options, context.Options.Clock.GetUtcNow(),
                context.Id))
        {
            throw CacheNames.NotAvailable(context.Name);
        }
    }

    /// <summary>A known SKU name; capacity and zones belong to the legacy families only.</summary>
    private static string RequireSku(JsonObject request)
    {
        var skuName = JsonMerge.String(request["sku"], "name");
        if (skuName is null || (!ManagedSkus.Contains(skuName, StringComparer.OrdinalIgnoreCase) && !IsLegacy(skuName)))
        {
            throw ManagedRedisErrors.InvalidParameter("sku.name",
                $"'{skuName}' is not a SKU: use Balanced_B0…B1000, MemoryOptimized_M10…M2000, ComputeOptimized_X3…X700 or " +
                "FlashOptimized_A250…A4500.");
        }

        if (!IsLegacy(skuName) && request["sku"]?["capacity"] is not null)
        {
            throw ManagedRedisErrors.InvalidParameter("sku.capacity",
                $"'{skuName}' is sized by its name: remove sku.capacity (only Enterprise and EnterpriseFlash SKUs take one).");
        }

        if (!IsLegacy(skuName) && request["zones"] is JsonArray { Count: > 0 })
        {
            throw ManagedRedisErrors.ZonesNotSupported(skuName);
        }

        return skuName;
    }

    private static void ValidateSettings(JsonObject properties)
    {
        RequireOneOf(properties, "publicNetworkAccess", EnabledDisabled);
        RequireOneOf(properties, "highAvailability", EnabledDisabled);

        // The spec keeps 1.0 and 1.1 in the enum for old versions only: "you cannot use them".
        RequireOneOf(properties, "minimumTlsVersion", ["1.2"]);
    }

    private static void RequireOneOf(JsonObject properties, string name, string[] allowed)
    {
        if (properties[name] is { } value
            && (JsonMerge.String(properties, name) is not { } text || !allowed.Contains(text, StringComparer.OrdinalIgnoreCase)))
        {
            throw ManagedRedisErrors.InvalidParameter($"properties.{name}",
                $"'{value.ToJsonString()}' is not one of {string.Join(", ", allowed.Select(a => $"'{a}'"))}.");
        }
    }

    [GeneratedRegex("^(?=.{1,60}$)[A-Za-z0-9]+(-[A-Za-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ClusterName();
}

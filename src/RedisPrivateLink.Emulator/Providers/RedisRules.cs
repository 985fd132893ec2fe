using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RedisPrivateLink.Emulator.Arm;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// What the Redis RP checks in a cache PUT: the name (a DNS label), the SKU (Basic/Standard are family C, capacity
/// 0-6; Premium is family P, capacity 1-5), and the features only Premium has (VNet injection, clustering,
/// persistence) or Basic lacks (zones).
/// </summary>
internal static partial class RedisRules
{
    public const string Premium = "Premium";

    private static readonly string[] SkuNames = ["Basic", "Standard", Premium];

    public static void Validate(WriteContext context)
    {
        if (context.Existing is null)
        {
            if (context.Options.RefuseClassicCreate)
            {
                throw RedisErrors.Retiring();
            }

            if (!CacheName().IsMatch(context.Name) || context.Name.Contains("--", StringComparison.Ordinal))
            {
                throw RedisErrors.InvalidName(context.Name);
            }
        }

        var properties = context.Request["properties"] as JsonObject ?? [];
        var skuName = ValidateSku(properties["sku"] as JsonObject);
        if (skuName != Premium)
        {
            RequirePremiumOnly(properties, context.Request, skuName);
        }
        else if (JsonMerge.String(properties, "subnetId") is { } subnetId
                 && context.Store.Find(subnetId)?.TypeKey.Equals(SubnetLayout.SubnetType, StringComparison.OrdinalIgnoreCase) != true)
        {
            throw RedisErrors.InvalidParameter("properties.subnetId");
        }
    }

    /// <summary>The SKU name, as Azure spells it; a PUT without a SKU gets the provider's Standard C1.</summary>
    private static string ValidateSku(JsonObject? sku)
    {
        if (sku is null)
        {
            return "Standard";
        }

        var name = SkuNames.FirstOrDefault(n => n.Equals(JsonMerge.String(sku, "name"), StringComparison.OrdinalIgnoreCase))
                   ?? throw RedisErrors.InvalidParameter("sku.name");
        var family = name == Premium ? "P" : "C";
        if (!family.Equals(JsonMerge.String(sku, "family"), StringComparison.OrdinalIgnoreCase))
        {
            throw RedisErrors.InvalidParameter("sku.family");
        }

        var (lowest, highest) = name == Premium ? (1, 5) : (0, 6);
        if (sku["capacity"] is not JsonValue capacity || !capacity.TryGetValue<int>(out var value) || value < lowest || value > highest)
        {
            throw RedisErrors.InvalidParameter("sku.capacity");
        }

        return name;
    }

    private static void RequirePremiumOnly(JsonObject properties, JsonObject request, string skuName)
    {
        if (properties["subnetId"] is not null)
        {
            throw RedisErrors.InvalidParameter("properties.subnetId");
        }

        if (properties["shardCount"] is not null)
        {
            throw RedisErrors.InvalidParameter("properties.shardCount");
        }

        if (skuName == "Basic" && request["zones"] is JsonArray { Count: > 0 })
        {
            throw RedisErrors.InvalidParameter("zones");
        }

        // Persistence (RDB snapshots, AOF) is configured through rdb-* and aof-* settings.
        if ((properties["redisConfiguration"] as JsonObject ?? []).Select(p => p.Key)
            .FirstOrDefault(k => k.StartsWith("rdb-", StringComparison.OrdinalIgnoreCase) || k.StartsWith("aof-", StringComparison.OrdinalIgnoreCase))
            is { } persistence)
        {
            throw RedisErrors.SettingNotAllowed(persistence, skuName);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex CacheName();
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// What the Redis RP checks in a cache PUT or PATCH: the name (a DNS label, free everywhere), the SKU (Basic/Standard
/// are family C, capacity 0-6; Premium is family P, capacity 1-5) and how an existing cache may move between tiers,
/// the features only Premium has (VNet injection, clustering, persistence) or Basic lacks (zones), and the injected
/// subnet (given only at create, holding only caches, the static IP one of its free addresses).
/// </summary>
internal static partial class RedisRules
{
    public const string Premium = "Premium";

    private static readonly string[] SkuNames = ["Basic", "Standard", Premium];

    public static void Validate(WriteContext context)
    {
        if (context.Existing is null)
        {
            ValidateCreate(context);
        }

        var properties = context.Request["properties"] as JsonObject ?? [];
        var skuName = ValidateSku(properties["sku"] as JsonObject);
        if (context.Existing is { } existing)
        {
            ValidateUpdate(existing, properties, skuName);
        }

        if (skuName != Premium)
        {
            RequirePremiumOnly(properties, context.Request, skuName);
        }
        else if (context.Existing is null)
        {
            ValidateInjection(context, properties);
        }
    }

    private static void ValidateCreate(WriteContext context)
    {
        if (context.Options.RefuseClassicCreate)
        {
            throw RedisErrors.Retiring();
        }

        if (!CacheName().IsMatch(context.Name) || context.Name.Contains("--", StringComparison.Ordinal))
        {
            throw RedisErrors.InvalidName(context.Name);
        }

        if (CacheNames.IsTaken(context.Name, PrivateEndpointNetwork.RedisType, context.Store, context.Options,
                context.Options.Clock.GetUtcNow(), context.Id))
        {
            throw CacheNames.NotAvailable(context.Name);
        }
    }

    /// <summary>The subnet and static IP are fixed at create; a tier moves up one step at a time, never down.</summary>
    private static void ValidateUpdate(StoredResource existing, JsonObject properties, string skuName)
    {
        var existingProperties = existing.Body["properties"];
        if (!string.Equals(JsonMerge.String(existingProperties, "subnetId"), JsonMerge.String(properties, "subnetId"),
                StringComparison.OrdinalIgnoreCase))
        {
            throw RedisErrors.CannotBeModified("properties.subnetId");
        }

        if (JsonMerge.String(properties, "staticIP") is { } staticIp && JsonMerge.String(existingProperties, "staticIP") is { } existingIp
            && staticIp != existingIp)
        {
            throw RedisErrors.CannotBeModified("properties.staticIP");
        }

        var existingSku = JsonMerge.String(existingProperties?["sku"], "name") ?? "Standard";
        var step = TierOf(skuName) - TierOf(existingSku);
        if (step is < 0 or > 1)
        {
            throw RedisErrors.ScaleNotSupported(existingSku, skuName);
        }
    }

    /// <summary>The subnet must exist and hold nothing but caches; a static IP, when given, must be free in it.</summary>
    private static void ValidateInjection(WriteContext context, JsonObject properties)
    {
        if (JsonMerge.String(properties, "subnetId") is not { } subnetId)
        {
            // A static IP is an address of the injected subnet, so it needs one.
            if (properties["staticIP"] is not null)
            {
                throw RedisErrors.InvalidParameter("properties.staticIP");
            }

            return;
        }

        if (context.Store.Find(subnetId) is not { } subnet
            || !subnet.TypeKey.Equals(SubnetLayout.SubnetType, StringComparison.OrdinalIgnoreCase))
        {
            throw RedisErrors.InvalidParameter("properties.subnetId");
        }

        if (InjectedSubnet.FirstNonCache(subnet.Id, context.Store) is { } user)
        {
            throw RedisErrors.SubnetNotDedicated(subnet.Id, user);
        }

        if (JsonMerge.String(properties, "staticIP") is { } staticIp && !InjectedSubnet.IsFree(staticIp, subnet, context.Store, context.Id))
        {
            throw RedisErrors.InvalidParameter("properties.staticIP");
        }
    }

    private static int TierOf(string skuName) =>
        Array.FindIndex(SkuNames, n => n.Equals(skuName, StringComparison.OrdinalIgnoreCase));

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
        if (properties["subnetId"] is not null || properties["staticIP"] is not null)
        {
            throw RedisErrors.InvalidParameter(properties["subnetId"] is null ? "properties.staticIP" : "properties.subnetId");
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

using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// A child of a cache that the Redis RP names "{cache}/{child}" in its bodies (firewall rules, patch schedules,
/// linked servers), as the 2024-11-01 examples show.
/// </summary>
internal abstract class CacheChildProvider : ResourceProvider
{
    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        body["name"] = $"{CacheOf(context).Name}/{context.Id[(context.Id.LastIndexOf('/') + 1)..]}";
        return body;
    }

    /// <summary>The cache the child belongs to; the handler has already refused a child of a missing one.</summary>
    protected static StoredResource CacheOf(WriteContext context) => context.Store.Find(CacheId(context.Id))!;

    /// <summary>.../redis/{cache}/{childType}/{child} less its last two segments.</summary>
    protected static string CacheId(string childId) => childId[..childId.LastIndexOf('/', childId.LastIndexOf('/') - 1)];

    protected static string SkuNameOf(StoredResource cache) => JsonMerge.String(cache.Body["properties"]?["sku"], "name") ?? "Standard";

    /// <summary>Firewall rules and patch schedules are answered without a provisioningState.</summary>
    protected static JsonObject WithoutProvisioningState(JsonObject body)
    {
        Properties(body).Remove("provisioningState");
        return body;
    }
}

using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Microsoft.Cache/redis/linkedServers: geo-replication between two Premium caches,
/// {linkedRedisCacheId, linkedRedisCacheLocation, serverRole}. The PUT answers 201 Creating and runs as a Redis
/// operation; once linked, the other cache shows the link back with the opposite role, so both read as
/// geo-replicated, and removing either side unlinks both.
/// </summary>
internal sealed class LinkedServerProvider : CacheChildProvider
{
    public const string Type = "Microsoft.Cache/redis/linkedServers";

    private const string ResponseType = "Microsoft.Cache/Redis/linkedServers";

    private static readonly string[] Roles = ["Primary", "Secondary"];

    public override string CreatingState => "Creating";

    public override void Validate(WriteContext context)
    {
        var cache = CacheOf(context);
        var properties = context.Request["properties"];
        var linked = LinkedCache(properties, context.Store);
        if (linked is null || linked.Id.Equals(cache.Id, StringComparison.OrdinalIgnoreCase))
        {
            throw RedisErrors.InvalidParameter("properties.linkedRedisCacheId");
        }

        if (JsonMerge.String(properties, "linkedRedisCacheLocation") is null)
        {
            throw RedisErrors.InvalidParameter("properties.linkedRedisCacheLocation");
        }

        if (!Roles.Contains(JsonMerge.String(properties, "serverRole"), StringComparer.OrdinalIgnoreCase))
        {
            throw RedisErrors.InvalidParameter("properties.serverRole");
        }

        foreach (var side in new[] { cache, linked })
        {
            if (!SkuNameOf(side).Equals(RedisRules.Premium, StringComparison.OrdinalIgnoreCase))
            {
                throw RedisErrors.GeoReplicationPremiumOnly(side.Name, SkuNameOf(side));
            }
        }
    }

    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        var properties = Properties(body);
        properties["linkedRedisCacheId"] = LinkedCache(properties, context.Store)!.Id;
        properties["serverRole"] = Roles.First(r => r.Equals(JsonMerge.String(properties, "serverRole"), StringComparison.OrdinalIgnoreCase));
        return body;
    }

    /// <summary>The link back, on the other cache, with the opposite role.</summary>
    public override void OnSucceeded(StoredResource resource, ResourceStore store)
    {
        var cache = store.Find(CacheId(resource.Id))!;
        if (LinkedCache(resource.Body["properties"], store) is not { } linked || LinkBack(resource, store) is not null)
        {
            return;
        }

        var id = $"{linked.Id}/linkedServers/{cache.Name}";
        store.Put(new StoredResource
        {
            Id = id,
            TypeKey = Type,
            Sequence = store.NextSequence(),
            Body = new JsonObject
            {
                ["id"] = id,
                ["name"] = $"{linked.Name}/{cache.Name}",
                ["type"] = ResponseType,
                ["properties"] = new JsonObject
                {
                    ["provisioningState"] = "Succeeded",
                    ["linkedRedisCacheId"] = cache.Id,
                    ["linkedRedisCacheLocation"] = JsonMerge.String(cache.Body, "location"),
                    ["serverRole"] = JsonMerge.String(resource.Body["properties"], "serverRole") == "Secondary" ? "Primary" : "Secondary",
                },
            },
        });
    }

    /// <summary>Unlinking is mutual: the other cache's link back goes too.</summary>
    public override void OnRemoved(StoredResource resource, ResourceStore store)
    {
        if (LinkBack(resource, store) is { } back)
        {
            store.RemoveTree(back.Id);
        }
    }

    private static StoredResource? LinkedCache(JsonNode? properties, ResourceStore store) =>
        store.Find(JsonMerge.String(properties, "linkedRedisCacheId") ?? "") is { } linked
        && linked.TypeKey.Equals(PrivateEndpointNetwork.RedisType, StringComparison.OrdinalIgnoreCase)
            ? linked
            : null;

    private static StoredResource? LinkBack(StoredResource link, ResourceStore store)
    {
        var cacheId = CacheId(link.Id);
        return JsonMerge.String(link.Body["properties"], "linkedRedisCacheId") is { } linkedId
            ? store.Under(linkedId, Type).FirstOrDefault(back =>
                cacheId.Equals(JsonMerge.String(back.Body["properties"], "linkedRedisCacheId"), StringComparison.OrdinalIgnoreCase))
            : null;
    }
}

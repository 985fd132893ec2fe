using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Providers;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>Microsoft.Cache's POST actions: global name availability and listKeys.</summary>
internal sealed class RedisActionHandler(EmulatorContext emulator)
{
    private const string RedisType = "Microsoft.Cache/redis";

    /// <summary>
    /// POST subscriptions/{s}/providers/Microsoft.Cache/CheckNameAvailability: 200 empty when free; when taken the Redis
    /// RP answers 409 NameNotAvailable rather than a body with available=false (Azure/azure-rest-api-specs#2981,
    /// Azure/azure-service-operator#852).
    /// </summary>
    public ArmResult CheckNameAvailability(ArmRequest request)
    {
        ResourceHandler.RequireApiVersion(ResourceTypeCatalog.Find(RedisType)!, request, "global");
        var body = request.RequireObjectBody();
        var name = JsonMerge.String(body, "name") ?? throw ArmErrors.InvalidRequestContent("'name' is required");
        var type = JsonMerge.String(body, "type");
        if (!string.Equals(type, RedisType, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArmException(400, "InvalidResourceType", $"The resource type '{type}' is not supported by this operation.");
        }

        // Cache names are global (they are DNS names), so every subscription and resource group counts.
        var taken = emulator.Store.Resources.Any(r =>
            r.TypeKey.Equals(RedisType, StringComparison.OrdinalIgnoreCase) && r.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        return taken
            ? throw new ArmException(409, "NameNotAvailable", $"The name '{name}' is already in use. Please choose a different name.")
            : new ArmResult(200);
    }

    /// <summary>GET .../redis/{name}/privateLinkResources: the one group a cache offers, redisCache.</summary>
    public ArmResult PrivateLinkResources(ArmRequest request)
    {
        var cache = RequireCache(request);
        return new ArmResult(200, new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["id"] = $"{cache.Id}/privateLinkResources/redisCache",
                ["name"] = "redisCache",
                ["type"] = "Microsoft.Cache/Redis/privateLinkResources",
                ["properties"] = new JsonObject
                {
                    ["groupId"] = "redisCache",
                    ["requiredMembers"] = new JsonArray("redisCache"),
                    ["requiredZoneNames"] = new JsonArray("privatelink.redis.cache.windows.net"),
                },
            }),
        });
    }

    /// <summary>POST .../redis/{name}/listKeys. The answer is a secret: nothing here logs it.</summary>
    public ArmResult ListKeys(ArmRequest request) =>
        new(200, RequireCache(request).Secrets?.DeepClone() ?? new JsonObject());

    /// <summary>The cache a .../redis/{name}/{action} path names.</summary>
    private Store.StoredResource RequireCache(ArmRequest request)
    {
        var path = request.Path;
        var resourceGroup = emulator.RequireResourceGroup(path[1], path[3]);
        ResourceHandler.RequireApiVersion(ResourceTypeCatalog.Find(RedisType)!, request, (string)resourceGroup.Body["location"]!);
        var id = "/" + string.Join("/", path.Segments.Take(path.Count - 1));
        return emulator.Store.Find(id)
               ?? throw ArmErrors.ResourceNotFound(string.Join("/", path.Segments.Skip(5).Take(3)), resourceGroup.Name);
    }
}

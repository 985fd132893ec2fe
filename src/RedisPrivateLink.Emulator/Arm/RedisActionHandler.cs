using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>Microsoft.Cache's POST actions: global name availability, listKeys, and a Premium cache's export and import.</summary>
internal sealed class RedisActionHandler(EmulatorContext emulator, DataTransferStarter transfers)
{
    private const string RedisType = "Microsoft.Cache/redis";
    private const string DataArchiveAuthMethodProperty = "preferred-data-archive-auth-method";
    private const string SasAuthMethod = "SAS";
    private const string ManagedIdentityAuthMethod = "ManagedIdentity";

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

        return CacheNames.IsTaken(name, RedisType, emulator.Store, emulator.Options, emulator.Now)
            ? throw CacheNames.NotAvailable(name)
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

    /// <summary>
    /// POST .../redis/{name}/export {format, prefix, container, preferred-data-archive-auth-method}: 202 with only a
    /// Location (see <see cref="DataTransferStarter"/>); once it succeeds the blob {container}/{prefix} holds the cache's
    /// data fingerprint as it was when the export started.
    /// </summary>
    public ArmResult Export(ArmRequest request)
    {
        var cache = RequireIdlePremiumCache(request, "export");
        var body = request.RequireObjectBody();
        var prefix = JsonMerge.String(body, "prefix") ?? throw RedisErrors.InvalidParameter("prefix");
        var container = JsonMerge.String(body, "container") ?? throw RedisErrors.InvalidParameter("container");
        RequireUsableStorage(cache, body, [container]);
        return transfers.Export(request, LroStyle.Redis, cache, $"{DataTransferStarter.WithoutSas(container).TrimEnd('/')}/{prefix}");
    }

    /// <summary>
    /// POST .../redis/{name}/import {format, files, preferred-data-archive-auth-method}: 202 with only a Location, and an
    /// operation that fails when a file is not a blob an export wrote; on success the cache holds the files' data.
    /// </summary>
    public ArmResult Import(ArmRequest request)
    {
        var cache = RequireIdlePremiumCache(request, "import");
        var body = request.RequireObjectBody();
        var files = (body["files"] as JsonArray ?? []).Select(f => f?.GetValue<string>()).OfType<string>().ToList();
        if (files.Count == 0)
        {
            throw RedisErrors.InvalidParameter("files");
        }

        RequireUsableStorage(cache, body, files);
        return transfers.Import(request, LroStyle.Redis, cache, files);
    }

    /// <summary>
    /// How the cache reaches the storage account: by SAS (the default), whose URLs must pass Azure's one-hour rule, or by
    /// its managed identity ("preferred-data-archive-auth-method": "ManagedIdentity", as az redis export sends it in the
    /// 2024-11-01 recording in shared/recordings), which needs no SAS. The method asked for (null when the request left it out) is recorded on the cache, for tests.
    /// </summary>
    private void RequireUsableStorage(StoredResource cache, JsonObject body, IReadOnlyList<string> urls)
    {
        var asked = JsonMerge.String(body, DataArchiveAuthMethodProperty);
        var method = asked ?? SasAuthMethod;
        if (!method.Equals(SasAuthMethod, StringComparison.OrdinalIgnoreCase) && !method.Equals(ManagedIdentityAuthMethod, StringComparison.OrdinalIgnoreCase))
        {
            throw RedisErrors.InvalidParameter(DataArchiveAuthMethodProperty);
        }

        if (method.Equals(SasAuthMethod, StringComparison.OrdinalIgnoreCase))
        {
            DataArchiveSas.RequireUsable(urls, emulator.Now);
        }

        cache.DataArchiveAuthMethod = asked;
    }

    /// <summary>Export and import are Premium features, refused while the cache is busy with another operation.</summary>
    private StoredResource RequireIdlePremiumCache(ArmRequest request, string action)
    {
        var cache = RequireCache(request);
        var skuName = JsonMerge.String(cache.Body["properties"]?["sku"], "name");
        if (!string.Equals(skuName, RedisRules.Premium, StringComparison.OrdinalIgnoreCase))
        {
            // Our reading of the RP's wording for a feature the tier lacks.
            throw RedisErrors.Error(400, "BadRequest", $"The '{action}' operation is not allowed on '{skuName}' cache instances.");
        }

        return cache.OperationId is null ? cache : throw ArmErrors.CacheBusy(cache.Id);
    }

    /// <summary>The cache a .../redis/{name}/{action} path names.</summary>
    private StoredResource RequireCache(ArmRequest request)
    {
        var path = request.Path;
        var resourceGroup = emulator.RequireResourceGroup(path[1], path[3]);
        ResourceHandler.RequireApiVersion(ResourceTypeCatalog.Find(RedisType)!, request, (string)resourceGroup.Body["location"]!);
        var id = "/" + string.Join("/", path.Segments.Take(path.Count - 1));
        return emulator.Store.Find(id)
               ?? throw ArmErrors.ResourceNotFound(string.Join("/", path.Segments.Skip(5).Take(3)), resourceGroup.Name);
    }
}

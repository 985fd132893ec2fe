using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>
/// Microsoft.Cache/redisEnterprise's actions (2025-07-01): the cluster's privateLinkResources and the database's
/// listKeys, regenerateKey, export and import.
/// </summary>
internal sealed class ManagedRedisActionHandler(EmulatorContext emulator, DataTransferStarter transfers)
{
    /// <summary>GET .../redisEnterprise/{name}/privateLinkResources: the one group a cluster offers, redisEnterprise.</summary>
    public ArmResult PrivateLinkResources(ArmRequest request)
    {
        var cluster = Require(request, ManagedRedisProvider.Type, request.Path.Count - 1);
        return new ArmResult(200, new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["id"] = $"{cluster.Id}/privateLinkResources/{ManagedRedisProvider.GroupId}",
                ["name"] = ManagedRedisProvider.GroupId,
                ["type"] = $"{ManagedRedisProvider.Type}/privateLinkResources",
                ["properties"] = new JsonObject
                {
                    ["groupId"] = ManagedRedisProvider.GroupId,
                    ["requiredMembers"] = new JsonArray(ManagedRedisProvider.GroupId),
                    ["requiredZoneNames"] = new JsonArray(ManagedRedisProvider.ZoneName(cluster)),
                },
            }),
        });
    }

    /// <summary>POST .../databases/{db}/listKeys: {primaryKey, secondaryKey}, refused while access keys are disabled.</summary>
    public ArmResult ListKeys(ArmRequest request) => new(200, RequireKeyedDatabase(request).Secrets!.DeepClone());

    /// <summary>
    /// POST .../databases/{db}/regenerateKey {keyType: Primary|Secondary}: a new value for that key, answered at once
    /// with both keys (the spec's 200).
    /// </summary>
    public ArmResult RegenerateKey(ArmRequest request)
    {
        var database = RequireKeyedDatabase(request);
        var keyType = JsonMerge.String(request.RequireObjectBody(), "keyType");
        var key = keyType switch
        {
            "Primary" => "primaryKey",
            "Secondary" => "secondaryKey",
            _ => throw ManagedRedisErrors.InvalidParameter("keyType", "Set it to 'Primary' or 'Secondary'."),
        };
        database.Secrets![key] = ManagedRedisDatabaseProvider.NewKey();
        return new ArmResult(200, database.Secrets.DeepClone());
    }

    /// <summary>
    /// POST .../databases/{db}/export {sasUri}: 202 and an operationsStatus; once it succeeds the blob at sasUri (less
    /// its SAS) holds the database's data fingerprint as it was when the export started.
    /// </summary>
    public ArmResult Export(ArmRequest request)
    {
        var database = RequireIdleDatabase(request);
        var sasUri = JsonMerge.String(request.RequireObjectBody(), "sasUri")
                     ?? throw ManagedRedisErrors.InvalidParameter("sasUri", "Give the SAS URI of the blob container to export to.");
        return transfers.Export(request, LroStyle.ManagedRedis, database, sasUri);
    }

    /// <summary>
    /// POST .../databases/{db}/import {sasUris: [...]}: 202 and an operationsStatus, which fails naming the first blob
    /// no export wrote; on success the database holds the blobs' data (a classic cache's export included).
    /// </summary>
    public ArmResult Import(ArmRequest request)
    {
        var database = RequireIdleDatabase(request);
        var files = (request.RequireObjectBody()["sasUris"] as JsonArray ?? []).Select(f => JsonValueText(f)).OfType<string>().ToList();
        return files.Count == 0
            ? throw ManagedRedisErrors.InvalidParameter("sasUris", "Give the SAS URI of at least one RDB blob to import.")
            : transfers.Import(request, LroStyle.ManagedRedis, database, files);
    }

    private static string? JsonValueText(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private StoredResource RequireKeyedDatabase(ArmRequest request)
    {
        var database = Require(request, ManagedRedisProvider.DatabaseType, request.Path.Count - 1);
        return JsonMerge.String(database.Body["properties"], "accessKeysAuthentication") == "Enabled"
            ? database
            : throw ManagedRedisErrors.AccessKeysDisabled(database.Name);
    }

    private StoredResource RequireIdleDatabase(ArmRequest request)
    {
        var database = Require(request, ManagedRedisProvider.DatabaseType, request.Path.Count - 1);
        return database.OperationId is null ? database : throw ArmErrors.CacheBusy(database.Id);
    }

    /// <summary>The resource the first <paramref name="segments"/> segments of the path name, of the given type.</summary>
    private StoredResource Require(ArmRequest request, string typeKey, int segments)
    {
        var path = request.Path;
        var resourceGroup = emulator.RequireResourceGroup(path[1], path[3]);
        ResourceHandler.RequireApiVersion(ResourceTypeCatalog.Find(typeKey)!, request, (string)resourceGroup.Body["location"]!);
        var id = "/" + string.Join("/", path.Segments.Take(segments));
        return emulator.Store.Find(id) is { } found && found.TypeKey.Equals(typeKey, StringComparison.OrdinalIgnoreCase)
            ? found
            : throw ArmErrors.ResourceNotFound(string.Join("/", path.Segments.Skip(5).Take(segments - 5)), resourceGroup.Name);
    }
}

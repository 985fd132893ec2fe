using System.Security.Cryptography;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Microsoft.Cache/redis as the 2024-11-01 recordings show it: "East US" locations, defaults filled in by the service,
/// hostName and ports, accessKeys answered only by listKeys (null in reads).
/// </summary>
internal sealed class RedisProvider : ResourceProvider
{
    public override string CreatingState => "Creating";

    public override bool ShowsOldValuesWhileUpdating => true;

    public override void Validate(WriteContext context) => RedisRules.Validate(context);

    /// <summary>A PATCH obeys the same SKU and feature rules, applied to the cache it would leave.</summary>
    public override void ValidatePatch(WriteContext context) => RedisRules.Validate(context);

    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        var properties = Properties(body);

        var sku = properties["sku"] as JsonObject ?? new JsonObject { ["name"] = "Standard", ["family"] = "C", ["capacity"] = 1 };
        if (JsonMerge.String(sku, "family") is { } family)
        {
            sku["family"] = family.ToUpperInvariant();
        }

        properties["sku"] = sku;
        properties["redisVersion"] = RedisVersion(JsonMerge.String(properties, "redisVersion"));
        properties["enableNonSslPort"] ??= false;
        properties["publicNetworkAccess"] ??= "Enabled";
        properties["redisConfiguration"] = RedisConfiguration(properties["redisConfiguration"] as JsonObject);
        properties["accessKeys"] = null;
        properties["hostName"] = $"{context.Name}.redis.cache.windows.net";
        properties["port"] = 6379;
        properties["sslPort"] = 6380;
        if (InjectedSubnet.SubnetIdOf(body) is { } subnetId && context.Store.Find(subnetId) is { } subnet)
        {
            properties["staticIP"] ??= JsonMerge.String(context.Existing?.Body["properties"], "staticIP")
                                       ?? InjectedSubnet.NextFree(subnet, context.Store, context.Id);
        }

        properties["instances"] = Instances(sku);
        properties["updateChannel"] ??= "Stable";
        // NoZones where the region has none (the West US Premium cache in the export excerpt of shared/recordings).
        properties["zonalAllocationPolicy"] ??= body["zones"] is not null ? "UserDefined"
            : Regions.HasAvailabilityZones(context.Location) ? "Automatic" : "NoZones";
        properties["disableAccessKeyAuthentication"] ??= false;
        properties["tenantSettings"] ??= new JsonObject();
        if (sku["name"]?.GetValue<string>() == "Premium")
        {
            properties["replicasPerMaster"] ??= properties["replicasPerPrimary"]?.DeepClone() ?? 1;
            properties["replicasPerPrimary"] ??= properties["replicasPerMaster"]?.DeepClone();
        }

        return body;
    }

    /// <summary>
    /// The cache embeds its private endpoint connections and the ids of its linked servers, which live as its child
    /// resources; a cache with a linked server is geo-replicated. A cache without connections has no
    /// privateEndpointConnections key at all (shared/recordings: the 2024-11-01 create and GET in
    /// azure-cli_test_standard_redis_cache_zonal_allocation_policy and the export excerpt's GET).
    /// </summary>
    public override JsonObject Render(StoredResource resource, ResourceStore store)
    {
        var body = base.Render(resource, store);
        var connections = new JsonArray();
        var connectionType = ResourceTypeCatalog.Find(PrivateEndpointNetwork.ConnectionType)!;
        foreach (var connection in store.Under(resource.Id, connectionType.Key))
        {
            connections.Add(connectionType.Provider.Render(connection, store));
        }

        if (connections.Count > 0)
        {
            Properties(body)["privateEndpointConnections"] = connections;
        }

        Properties(body)["linkedServers"] = new JsonArray(store.Under(resource.Id, LinkedServerProvider.Type)
            .Select(link => (JsonNode)new JsonObject { ["id"] = link.Id })
            .ToArray());
        return body;
    }

    /// <summary>Azure holds a deleted cache's name for a while; the record lets the name rules see that.</summary>
    public override void OnRemoved(StoredResource resource, ResourceStore store) =>
        store.RecordDeleted(new DeletedResource(resource.Id, resource.TypeKey, resource.Name, store.ChangeTime));

    public override JsonObject? CreateSecrets() => new()
    {
        ["primaryKey"] = NewKey(),
        ["secondaryKey"] = NewKey(),
    };

    protected override string Location(WriteContext context) => Regions.DisplayName(context.Location);

    /// <summary>The service answers the full version it runs, not the major one asked for.</summary>
    private static string RedisVersion(string? requested) => requested switch
    {
        "4" or "4.0" => "4.1.14",
        null or "6" or "6.0" or "latest" => "6.0",
        _ => requested,
    };

    private static JsonObject RedisConfiguration(JsonObject? requested)
    {
        var configuration = new JsonObject
        {
            ["maxclients"] = "1000",
            ["maxmemory-reserved"] = "125",
            ["maxfragmentationmemory-reserved"] = "125",
            ["maxmemory-delta"] = "125",
        };
        foreach (var (name, value) in requested ?? [])
        {
            configuration[name] = value?.DeepClone();
        }

        return configuration;
    }

    private static JsonArray Instances(JsonObject sku)
    {
        var name = JsonMerge.String(sku, "name");
        var count = name == "Basic" ? 1 : 2;
        var instances = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            instances.Add(new JsonObject { ["sslPort"] = 15000 + i, ["isMaster"] = i == 0, ["isPrimary"] = i == 0 });
        }

        return instances;
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}

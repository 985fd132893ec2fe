using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Microsoft.Cache/redisEnterprise, Azure Managed Redis, as the 2025-07-01 examples show it: kind, sku (a capacity only
/// for the legacy Enterprise families), "West US" locations, hostName {name}.{region}.redis.azure.net (legacy Enterprise:
/// {name}.{region}.redisenterprise.cache.azure.net), resourceState beside provisioningState (Running once ready) and the
/// private endpoint connections embedded. publicNetworkAccess exists from 2025-07-01; a cluster created with an older
/// api-version reads null, which means the legacy rule (its endpoints block public traffic once it has private ones).
/// </summary>
internal sealed class ManagedRedisProvider : ResourceProvider
{
    public const string Type = "Microsoft.Cache/redisEnterprise";
    public const string DatabaseType = "Microsoft.Cache/redisEnterprise/databases";
    public const string ConnectionType = "Microsoft.Cache/redisEnterprise/privateEndpointConnections";

    /// <summary>The one private link group a cluster offers.</summary>
    public const string GroupId = "redisEnterprise";

    /// <summary>The one database a cluster holds.</summary>
    public const string DefaultDatabase = "default";

    public const string HostSuffix = "redis.azure.net";
    public const string LegacyHostSuffix = "redisenterprise.cache.azure.net";

    /// <summary>The version Managed Redis runs (the examples show older clusters' "5" and "6").</summary>
    public const string RedisVersion = "7.4";

    public override string CreatingState => "Creating";

    public override bool RebuildsOnPatch => true;

    public override void Validate(WriteContext context) => ManagedRedisRules.ValidateCluster(context);

    public override void ValidatePatch(WriteContext context) => ManagedRedisRules.ValidateClusterPatch(context);

    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        var sku = (JsonObject)body["sku"]!;
        var skuName = ManagedRedisRules.CanonicalSku(JsonMerge.String(sku, "name")!);
        sku["name"] = skuName;
        var legacy = ManagedRedisRules.IsLegacy(skuName);
        body["kind"] = legacy ? "v1" : "v2";

        var properties = Properties(body);
        properties["highAvailability"] ??= "Enabled";
        properties["minimumTlsVersion"] ??= "1.2";
        properties["publicNetworkAccess"] = ManagedRedisRules.HasPublicNetworkAccess(context.ApiVersion)
            ? properties["publicNetworkAccess"]?.DeepClone()
            : context.Existing?.Body["properties"]?["publicNetworkAccess"]?.DeepClone();
        properties["hostName"] = HostName(context.Name, context.Location, legacy);
        // Managed Redis (v2) clusters carry no redisVersion (the cluster GETs of the 2026 recordings in
        // shared/recordings/additional); the database does. Legacy Enterprise clusters still show one (the examples).
        if (legacy)
        {
            properties["redisVersion"] = RedisVersion;
        }
        else
        {
            properties.Remove("redisVersion");
        }

        // A cluster created without an identity answers "identity":{"type":"None"} (azure-cli-extensions
        // test_redisenterprise_access_string, cluster PUT and GET).
        body["identity"] ??= new JsonObject { ["type"] = "None" };
        AssignSystemIdentity((JsonObject)body["identity"]!, context);
        properties["redundancyMode"] = JsonMerge.String(properties, "highAvailability") == "Disabled" ? "None"
            : legacy ? (body["zones"] is JsonArray { Count: > 0 } ? "ZR" : "LR")
            // A Managed Redis cluster is zone redundant where the region has zones (ZR in Central India, LR in
            // Central US EUAP: shared/recordings/additional).
            : Regions.HasAvailabilityZones(context.Location) ? "ZR" : "LR";
        properties.Remove("resourceState");
        properties.Remove("privateEndpointConnections");
        return body;
    }

    /// <summary>
    /// A system-assigned identity answers its principalId and tenantId (AzRedisEnterpriseCacheScenario's cluster PUT);
    /// the principal keeps its id across updates.
    /// </summary>
    private static void AssignSystemIdentity(JsonObject identity, WriteContext context)
    {
        if (JsonMerge.String(identity, "type")?.Contains("SystemAssigned", StringComparison.OrdinalIgnoreCase) != true)
        {
            return;
        }

        identity["principalId"] = JsonMerge.String(context.Existing?.Body["identity"], "principalId") ?? Guid.NewGuid().ToString();
        identity["tenantId"] = context.Options.TenantId;
    }

    /// <summary>resourceState follows provisioningState; the connections live as child resources.</summary>
    public override JsonObject Render(StoredResource resource, ResourceStore store)
    {
        var body = base.Render(resource, store);
        var properties = Properties(body);
        properties["resourceState"] = ResourceState(resource, store);
        properties["publicNetworkAccess"] ??= null;
        var connectionType = ResourceTypeCatalog.Find(ConnectionType)!;
        properties["privateEndpointConnections"] = new JsonArray(store.Under(resource.Id, ConnectionType)
            .Select(c => (JsonNode)connectionType.Provider.Render(c, store))
            .ToArray());
        return body;
    }

    /// <summary>Azure holds a deleted cluster's name for a while, as it does a classic cache's.</summary>
    public override void OnRemoved(StoredResource resource, ResourceStore store) =>
        store.RecordDeleted(new DeletedResource(resource.Id, resource.TypeKey, resource.Name, store.ChangeTime));

    /// <summary>{name}.{region}.redis.azure.net, region being the location lowercased without spaces.</summary>
    public static string HostName(string name, string location, bool legacy) =>
        $"{name}.{Regions.Normalize(location)}.{(legacy ? LegacyHostSuffix : HostSuffix)}";

    /// <summary>The private DNS zone a cluster's endpoints need: privatelink. and its host name's public suffix.</summary>
    public static string ZoneName(StoredResource cluster) =>
        JsonMerge.String(cluster.Body["properties"], "hostName")?.EndsWith("." + LegacyHostSuffix, StringComparison.OrdinalIgnoreCase) == true
            ? $"privatelink.{LegacyHostSuffix}"
            : $"privatelink.{HostSuffix}";

    /// <summary>
    /// The RP's resourceState for a provisioningState: Running once Succeeded, the state itself while it runs, and
    /// CreateFailed/UpdateFailed/DeleteFailed after the failed operation of that kind. CreateFailed is the state Azure
    /// leaves a cluster it accepted and then could not allocate (langchain-ai/terraform#258), which a PUT does not
    /// repair; our reading is that other create failures are transient and the same PUT recovers the cluster, so an
    /// injected lroFailed on a create leaves resourceState Failed, like provisioningState.
    /// </summary>
    public static string ResourceState(StoredResource resource, ResourceStore store)
    {
        if (resource.ProvisioningState != "Failed")
        {
            return resource.ProvisioningState == "Succeeded" ? "Running" : resource.ProvisioningState;
        }

        var last = store.Operations.Where(o => o.ResourceId.Equals(resource.Id, StringComparison.OrdinalIgnoreCase)
                                               && o.Kind != OperationKind.Action)
            .OrderBy(o => o.CompletesAt).LastOrDefault();
        return last?.Kind switch
        {
            OperationKind.Create => last.FailsAllocation ? "CreateFailed" : "Failed",
            OperationKind.Delete => "DeleteFailed",
            _ => "UpdateFailed",
        };
    }

    protected override string Location(WriteContext context) => Regions.DisplayName(context.Location);
}

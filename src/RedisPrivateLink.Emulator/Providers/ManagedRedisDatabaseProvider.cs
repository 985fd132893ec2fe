using System.Security.Cryptography;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Microsoft.Cache/redisEnterprise/databases/default, as the 2025-07-01 examples show it: named "{cluster}/default",
/// no location, the service's defaults filled in (Encrypted, port 10000 unless the create names one, OSSCluster, VolatileLRU, modules with their
/// version), accessKeysAuthentication Disabled unless the create asks (the spec's default), resourceState beside
/// provisioningState. Its access keys are answered only by listKeys; it holds the cluster's data fingerprint.
/// </summary>
internal sealed class ManagedRedisDatabaseProvider : ResourceProvider
{
    private const string ModuleVersion = "1.0.0";

    public override string CreatingState => "Creating";

    public override bool RebuildsOnPatch => true;

    public override void Validate(WriteContext context) => ManagedRedisRules.ValidateDatabase(context);

    public override void ValidatePatch(WriteContext context) => ManagedRedisRules.ValidateDatabase(context);

    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        // Named by the database alone, "default", in every database answer of shared/recordings/additional (the
        // 2025-07-01 example's "cache1/db1" is not what Azure sends).
        body["name"] = context.Name;
        var properties = Properties(body);
        properties["clientProtocol"] ??= "Encrypted";
        properties["port"] ??= context.Existing?.Body["properties"]?["port"]?.DeepClone() ?? ManagedRedisRules.DatabasePort;
        properties["clusteringPolicy"] ??= "OSSCluster";
        properties["evictionPolicy"] ??= "VolatileLRU";
        // Unset persistence and modules are absent, not empty (every database GET in shared/recordings/additional).
        if (properties["modules"] is JsonArray requested)
        {
            properties["modules"] = Modules(requested);
        }

        properties["deferUpgrade"] ??= "NotDeferred";
        properties["accessKeysAuthentication"] ??= JsonMerge.String(context.Existing?.Body["properties"], "accessKeysAuthentication")
                                                   ?? "Disabled";
        properties["redisVersion"] = ManagedRedisProvider.RedisVersion;
        properties.Remove("resourceState");
        return body;
    }

    public override JsonObject Render(StoredResource resource, ResourceStore store)
    {
        var body = base.Render(resource, store);
        Properties(body)["resourceState"] = ManagedRedisProvider.ResourceState(resource, store);
        return body;
    }

    public override JsonObject? CreateSecrets() => new()
    {
        ["primaryKey"] = NewKey(),
        ["secondaryKey"] = NewKey(),
    };

    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    protected override bool HasLocation(WriteContext context) => false;

    /// <summary>Each module comes back with its args ("" when none) and the version the service runs.</summary>
    private static JsonArray Modules(JsonArray requested) =>
        new(requested.OfType<JsonObject>().Select(m => (JsonNode)new JsonObject
        {
            ["name"] = m["name"]?.DeepClone(),
            ["args"] = JsonMerge.String(m, "args") ?? "",
            ["version"] = ModuleVersion,
        }).ToArray());
}

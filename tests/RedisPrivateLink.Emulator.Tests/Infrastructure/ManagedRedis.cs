using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests.Infrastructure;

/// <summary>Ids, paths and bodies for Azure Managed Redis (Microsoft.Cache/redisEnterprise) scenarios.</summary>
internal static class ManagedRedis
{
    public const string ManagedZone = "privatelink.redis.azure.net";

    /// <summary>A cluster create as the 2025-07-01 rules want it: a new-family SKU and publicNetworkAccess.</summary>
    public static JsonObject Cluster(string sku = "Balanced_B1", string? publicNetworkAccess = "Disabled", string location = "eastus")
    {
        var properties = new JsonObject { ["minimumTlsVersion"] = "1.2" };
        if (publicNetworkAccess is not null)
        {
            properties["publicNetworkAccess"] = publicNetworkAccess;
        }

        return new JsonObject { ["location"] = location, ["sku"] = new JsonObject { ["name"] = sku }, ["properties"] = properties };
    }

    public static JsonObject Database(string accessKeysAuthentication = "Disabled") => new()
    {
        ["properties"] = new JsonObject
        {
            ["clientProtocol"] = "Encrypted",
            ["port"] = 10000,
            ["clusteringPolicy"] = "OSSCluster",
            ["evictionPolicy"] = "NoEviction",
            ["accessKeysAuthentication"] = accessKeysAuthentication,
        },
    };

    public static string ClusterId(this TestEmulator emulator, string name, string group = "rg") =>
        $"{emulator.Group(group)}/providers/Microsoft.Cache/redisEnterprise/{name}";

    public static string DatabaseId(this TestEmulator emulator, string cluster, string database = "default") =>
        $"{emulator.ClusterId(cluster)}/databases/{database}";

    public static string Amr(string id, string apiVersion = TestApiVersions.RedisEnterprise) => $"{id}?api-version={apiVersion}";

    /// <summary>A cluster and its default database, both provisioned (the clock moves past their durations).</summary>
    public static async Task CreateReadyAsync(this TestEmulator emulator, string cluster, string accessKeysAuthentication = "Disabled")
    {
        await emulator.PutOkAsync(Amr(emulator.ClusterId(cluster)), Cluster());
        emulator.Clock.Advance(TimeSpan.FromMinutes(30));
        await emulator.PutOkAsync(Amr(emulator.DatabaseId(cluster)), Database(accessKeysAuthentication));
        emulator.Clock.Advance(TimeSpan.FromMinutes(3));
    }

    public static async Task<JsonObject> GetOkAsync(this TestEmulator emulator, string pathAndQuery)
    {
        using var response = await emulator.GetAsync(pathAndQuery);
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{pathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    /// <summary>The operationsStatus body an Azure-AsyncOperation URL answers.</summary>
    public static async Task<JsonObject> StatusAsync(this TestEmulator emulator, HttpResponseMessage accepted)
    {
        using var poll = await emulator.FollowAsync(accepted.Header("Azure-AsyncOperation")!);
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        return await poll.JsonAsync();
    }

    public static string? Text(this JsonNode? node, string property) => (string?)node?["properties"]?[property];

    /// <summary>One response body of an official 2025-07-01 example kept under Examples/redisenterprise.</summary>
    public static JsonObject Example(string file, string status) => (JsonObject)LoadExample(file)["responses"]![status]!["body"]!;

    /// <summary>The request body of an example (its body parameter, named as the spec names it).</summary>
    public static JsonObject ExampleRequest(string file, string parameter) => (JsonObject)LoadExample(file)["parameters"]![parameter]!;

    private static JsonNode LoadExample(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Examples", "redisenterprise", file)))!;
}

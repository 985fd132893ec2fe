using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>The providers working together: endpoint → connection on the cache, zone group → A record, approval.</summary>
public sealed class PrivateLinkFlowTests
{
    private const string Zone = "privatelink.redis.cache.windows.net";

    [Fact]
    public async Task AutoApprovedEndpointConnectsTheCacheAndTheZoneGroupWritesItsARecord()
    {
        await using var emulator = await StartWithNetworkAndCacheAsync();
        await PutEndpointAsync(emulator, manual: false);

        var endpoint = await GetAsync(emulator, EndpointPath(emulator));
        Assert.Equal("Succeeded", (string)endpoint["properties"]!["provisioningState"]!);
        var dns = Assert.Single(endpoint["properties"]!["customDnsConfigs"]!.AsArray())!;
        Assert.Equal("cache1.redis.cache.windows.net", (string)dns["fqdn"]!);
        Assert.Equal("10.0.1.4", (string)dns["ipAddresses"]![0]!);
        var nic = await GetAsync(emulator, $"{(string)endpoint["properties"]!["networkInterfaces"]![0]!["id"]!}?api-version=2024-07-01");
        Assert.Equal("10.0.1.4", (string)nic["properties"]!["ipConfigurations"]![0]!["properties"]!["privateIPAddress"]!);

        var cache = await GetAsync(emulator, RedisTests.CachePath(emulator, "cache1"));
        var connection = Assert.Single(cache["properties"]!["privateEndpointConnections"]!.AsArray())!;
        Assert.StartsWith("pe1.", (string)connection["name"]!);
        Assert.Equal("Microsoft.Cache/Redis/privateEndpointConnections", (string)connection["type"]!);
        Assert.Equal("Approved", (string)connection["properties"]!["privateLinkServiceConnectionState"]!["status"]!);
        Assert.Equal((string)endpoint["id"]!, (string)connection["properties"]!["privateEndpoint"]!["id"]!);

        using var zone = await emulator.PutAsync(ZonePath(emulator), new { location = "global" });
        using var group = await emulator.PutAsync(ZoneGroupPath(emulator), new
        {
            properties = new
            {
                privateDnsZoneConfigs = new[]
                {
                    new { name = "redis", properties = new { privateDnsZoneId = ZonePath(emulator).Split('?')[0] } },
                },
            },
        });
        var record = await GetAsync(emulator, $"{ZonePath(emulator).Split('?')[0]}/A/cache1?api-version={TestApiVersions.PrivateDns}");
        Assert.Equal("10.0.1.4", (string)record["properties"]!["aRecords"]![0]!["ipv4Address"]!);
        Assert.Equal($"cache1.{Zone}.", (string)record["properties"]!["fqdn"]!);
        var recordSet = (await GetAsync(emulator, ZoneGroupPath(emulator)))["properties"]!["privateDnsZoneConfigs"]![0]!["properties"]!["recordSets"]![0]!;
        Assert.Equal("cache1", (string)recordSet["recordSetName"]!);
        Assert.Equal("10.0.1.4", (string)recordSet["ipAddresses"]![0]!);

        using var deleteEndpoint = await emulator.SendAsync(HttpMethod.Delete, EndpointPath(emulator));
        Assert.Equal(HttpStatusCode.Accepted, deleteEndpoint.StatusCode);
        using var recordGone = await emulator.GetAsync($"{ZonePath(emulator).Split('?')[0]}/A/cache1?api-version={TestApiVersions.PrivateDns}");
        Assert.Equal(HttpStatusCode.NotFound, recordGone.StatusCode);
        cache = await GetAsync(emulator, RedisTests.CachePath(emulator, "cache1"));
        // A cache without connections has no such key (the 2024-11-01 cache answers in shared/recordings).
        Assert.Null(cache["properties"]!["privateEndpointConnections"]);
    }

    [Fact]
    public async Task ManualEndpointWaitsInPendingUntilTheConnectionIsApproved()
    {
        await using var emulator = await StartWithNetworkAndCacheAsync();
        await PutEndpointAsync(emulator, manual: true);

        var endpoint = await GetAsync(emulator, EndpointPath(emulator));
        var state = endpoint["properties"]!["manualPrivateLinkServiceConnections"]![0]!["properties"]!["privateLinkServiceConnectionState"]!;
        Assert.Equal("Pending", (string)state["status"]!);
        Assert.Equal("please", (string)state["description"]!);
        Assert.Empty(endpoint["properties"]!["customDnsConfigs"]!.AsArray());

        var connections = await GetAsync(emulator,
            $"{emulator.Group("rg")}/providers/Microsoft.Cache/redis/cache1/privateEndpointConnections?api-version=2024-11-01");
        var connection = Assert.Single(connections["value"]!.AsArray())!;
        Assert.Equal("Pending", (string)connection["properties"]!["privateLinkServiceConnectionState"]!["status"]!);

        var connectionPath = $"{(string)connection["id"]!}?api-version=2024-11-01";
        using var approved = await emulator.PutAsync(connectionPath, new
        {
            properties = new { privateLinkServiceConnectionState = new { status = "Approved", description = "" } },
        });
        Assert.Equal(HttpStatusCode.Created, approved.StatusCode);
        Assert.Contains("/providers/Microsoft.Cache/locations/East%20US/asyncOperations/", approved.Header("Azure-AsyncOperation"));
        Assert.Equal(approved.Header("Azure-AsyncOperation"), approved.Header("Location"));
        var approvedBody = await approved.JsonAsync();
        Assert.Equal("Approved", (string)approvedBody["properties"]!["privateLinkServiceConnectionState"]!["status"]!);
        Assert.Equal((string)connection["properties"]!["privateEndpoint"]!["id"]!, (string)approvedBody["properties"]!["privateEndpoint"]!["id"]!);

        endpoint = await GetAsync(emulator, EndpointPath(emulator));
        Assert.Equal("Approved", (string)endpoint["properties"]!["manualPrivateLinkServiceConnections"]![0]!["properties"]!["privateLinkServiceConnectionState"]!["status"]!);
        Assert.Single(endpoint["properties"]!["customDnsConfigs"]!.AsArray());

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, connectionPath);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("", await deleted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CacheOffersTheRedisCacheGroupAsTheExampleShows()
    {
        await using var emulator = await StartWithNetworkAndCacheAsync();
        var example = SharedExamples.Response("Microsoft.Cache/RedisCacheListPrivateLinkResources.json", "200")["value"]![0]!;

        var resources = await GetAsync(emulator,
            $"{emulator.Group("rg")}/providers/Microsoft.Cache/redis/cache1/privateLinkResources?api-version=2024-11-01");

        var only = Assert.Single(resources["value"]!.AsArray())!;
        Assert.Equal((string)example["type"]!, (string)only["type"]!);
        Assert.Equal((string)example["name"]!, (string)only["name"]!);
        Assert.True(JsonNode.DeepEquals(example["properties"], only["properties"]));
    }

    private static async Task<TestEmulator> StartWithNetworkAndCacheAsync()
    {
        var emulator = await TestEmulator.StartAsync(o => o.TimeScale = 0);
        await emulator.CreateGroupAsync("rg");
        using var vnet = await emulator.PutAsync(NetworkTests.VnetPath(emulator, "vnet"), NetworkTests.Vnet("default", "endpoints"));
        using var cache = await emulator.PutAsync(RedisTests.CachePath(emulator, "cache1"), new { location = "eastus" });
        return emulator;
    }

    private static async Task PutEndpointAsync(TestEmulator emulator, bool manual)
    {
        var connection = new JsonArray(new JsonObject
        {
            ["name"] = "conn",
            ["properties"] = new JsonObject
            {
                ["privateLinkServiceId"] = $"{emulator.Group("rg")}/providers/Microsoft.Cache/redis/cache1",
                ["groupIds"] = new JsonArray("redisCache"),
                ["requestMessage"] = "please",
            },
        });
        var body = new JsonObject
        {
            ["location"] = "eastus",
            ["properties"] = new JsonObject
            {
                ["subnet"] = new JsonObject { ["id"] = $"{emulator.Group("rg")}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/endpoints" },
                [manual ? "manualPrivateLinkServiceConnections" : "privateLinkServiceConnections"] = connection,
            },
        };
        using var response = await emulator.PutAsync(EndpointPath(emulator), body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<JsonObject> GetAsync(TestEmulator emulator, string path)
    {
        using var response = await emulator.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private static string EndpointPath(TestEmulator emulator) =>
        $"{emulator.Group("rg")}/providers/Microsoft.Network/privateEndpoints/pe1?api-version=2024-07-01";

    private static string ZoneGroupPath(TestEmulator emulator) =>
        $"{emulator.Group("rg")}/providers/Microsoft.Network/privateEndpoints/pe1/privateDnsZoneGroups/default?api-version=2024-07-01";

    private static string ZonePath(TestEmulator emulator) =>
        $"{emulator.Group("rg")}/providers/Microsoft.Network/privateDnsZones/{Zone}?api-version=2024-06-01";
}

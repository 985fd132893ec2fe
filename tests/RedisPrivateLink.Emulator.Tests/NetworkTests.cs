using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>Microsoft.Network as recorded: 201 Updating + Azure-AsyncOperation under locations/{loc}/operations.</summary>
public sealed class NetworkTests
{
    [Fact]
    public async Task VirtualNetworkPutIsAnAsyncOperationWithTheExampleShape()
    {
        await using var emulator = await StartWithGroupAsync();
        var example = SharedExamples.Load("Microsoft.Network/VirtualNetworkCreateSubnet.json");

        using var created = await emulator.PutAsync(VnetPath(emulator, "test-vnet"), example["parameters"]!["parameters"]!.DeepClone());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("10", created.Header("Retry-After"));
        var operation = created.Header("Azure-AsyncOperation")!;
        Assert.Contains($"/subscriptions/{emulator.Sub}/providers/Microsoft.Network/locations/eastus/operations/", operation);
        var body = await created.JsonAsync();
        Assert.Equal("Updating", (string)body["properties"]!["provisioningState"]!);
        Assert.StartsWith("W/\"", (string)body["etag"]!);

        using var running = await emulator.FollowAsync(operation);
        Assert.Equal(HttpStatusCode.OK, running.StatusCode);
        Assert.Equal("""{"status":"InProgress"}""", await running.Content.ReadAsStringAsync());
        Assert.NotNull(running.Header("Retry-After"));

        emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        using var done = await emulator.FollowAsync(operation);
        Assert.Equal("""{"status":"Succeeded"}""", await done.Content.ReadAsStringAsync());

        var read = await (await emulator.GetAsync(VnetPath(emulator, "test-vnet"))).JsonAsync();
        var expected = (JsonObject)example["responses"]!["201"]!["body"]!;
        Assert.Equal(((string)expected["id"]!).Replace("subid", emulator.Sub).Replace("rg1", "rg"), (string)read["id"]!);
        Assert.Equal((string)expected["type"]!, (string)read["type"]!);
        Assert.Equal((string)expected["location"]!, (string)read["location"]!);
        Assert.Equal("Succeeded", (string)read["properties"]!["provisioningState"]!);
        Assert.Equal("10.0.0.0/16", (string)read["properties"]!["addressSpace"]!["addressPrefixes"]![0]!);
        var subnet = Assert.Single(read["properties"]!["subnets"]!.AsArray())!;
        var expectedSubnet = expected["properties"]!["subnets"]![0]!;
        Assert.Equal(((string)expectedSubnet["id"]!).Replace("subid", emulator.Sub).Replace("rg1", "rg"), (string)subnet["id"]!);
        Assert.Equal("10.0.0.0/24", (string)subnet["properties"]!["addressPrefix"]!);
        Assert.Equal("Succeeded", (string)subnet["properties"]!["provisioningState"]!);
    }

    [Fact]
    public async Task RetryAfterShrinksWithTheTimeScaleButNeverBelowZero()
    {
        await using var emulator = await StartWithGroupAsync(timeScale: 0.001);

        using var created = await emulator.PutAsync(VnetPath(emulator, "vnet"), Vnet("a"));

        Assert.Equal("0", created.Header("Retry-After"));
    }

    [Fact]
    public async Task AScaledIntervalAlsoGoesInMillisecondsWhereWholeSecondsRoundItAway()
    {
        await using var scaled = await StartWithGroupAsync(timeScale: 0.001);
        await using var azurePace = await StartWithGroupAsync();

        using var created = await scaled.PutAsync(VnetPath(scaled, "vnet"), Vnet("a"));
        using var running = await scaled.FollowAsync(created.Header("Azure-AsyncOperation")!);
        using var atAzurePace = await azurePace.PutAsync(VnetPath(azurePace, "vnet"), Vnet("a"));

        Assert.Equal("10", created.Header("retry-after-ms"));
        Assert.Equal("10", running.Header("retry-after-ms"));
        Assert.Null(atAzurePace.Header("retry-after-ms"));
        Assert.Equal("10", atAzurePace.Header("Retry-After"));
    }

    [Fact]
    public async Task SubnetsAreChildResourcesAndAVnetPutReplacesTheList()
    {
        await using var emulator = await StartWithGroupAsync(timeScale: 0);
        using var _ = await emulator.PutAsync(VnetPath(emulator, "vnet"), Vnet("a", "b"));

        var subnet = await (await emulator.GetAsync(SubnetPath(emulator, "vnet", "B"))).JsonAsync();
        Assert.Equal($"{emulator.Group("rg")}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/b", (string)subnet["id"]!);

        using var replaced = await emulator.PutAsync(VnetPath(emulator, "vnet"), Vnet("b", "c"));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        using var removed = await emulator.GetAsync(SubnetPath(emulator, "vnet", "a"));
        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);

        using var added = await emulator.PutAsync(SubnetPath(emulator, "vnet", "d"),
            new { properties = new { addressPrefix = "10.0.3.0/24", privateEndpointNetworkPolicies = "Disabled" } });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.NotNull(added.Header("Azure-AsyncOperation"));

        var vnet = await (await emulator.GetAsync(VnetPath(emulator, "vnet"))).JsonAsync();
        Assert.Equal(["b", "c", "d"], vnet["properties"]!["subnets"]!.AsArray().Select(s => (string)s!["name"]!));
        var list = await (await emulator.GetAsync($"{VnetPath(emulator, "vnet").Split('?')[0]}/subnets?api-version=2024-07-01")).JsonAsync();
        Assert.Equal(3, list["value"]!.AsArray().Count);
    }

    [Fact]
    public async Task SubnetOfMissingVnetIsRefused()
    {
        await using var emulator = await StartWithGroupAsync();

        using var response = await emulator.PutAsync(SubnetPath(emulator, "ghost", "s"), new { properties = new { addressPrefix = "10.0.0.0/24" } });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ParentResourceNotFound", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task PrivateEndpointAndZoneGroupFollowTheNetworkStyle()
    {
        await using var emulator = await StartWithGroupAsync();
        using var _ = await emulator.PutAsync(VnetPath(emulator, "vnet"), Vnet("pe"));
        var cacheId = $"{emulator.Group("rg")}/providers/Microsoft.Cache/Redis/cache1";
        using var cache = await emulator.PutAsync(RedisTests.CachePath(emulator, "cache1"), new { location = "eastus" });
        var zoneId = $"{emulator.Group("rg")}/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net";
        using var zone = await emulator.PutAsync($"{zoneId}?api-version={TestApiVersions.PrivateDns}", new { location = "global" });

        using var endpoint = await emulator.PutAsync($"{EndpointPath(emulator)}?api-version={TestApiVersions.NetworkNewer}", new
        {
            location = "eastus",
            properties = new
            {
                subnet = new { id = $"{emulator.Group("rg")}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pe" },
                privateLinkServiceConnections = new[]
                {
                    new { name = "conn", properties = new { privateLinkServiceId = cacheId, groupIds = new[] { "redisCache" } } },
                },
            },
        });
        Assert.Equal(HttpStatusCode.Created, endpoint.StatusCode);
        var body = await endpoint.JsonAsync();
        Assert.Equal("Updating", (string)body["properties"]!["provisioningState"]!);
        var connection = body["properties"]!["privateLinkServiceConnections"]![0]!;
        Assert.Equal("Approved", (string)connection["properties"]!["privateLinkServiceConnectionState"]!["status"]!);
        Assert.NotEmpty(body["properties"]!["networkInterfaces"]!.AsArray());

        emulator.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("Updating", await StateAsync(emulator, $"{EndpointPath(emulator)}?api-version={TestApiVersions.NetworkNewer}"));
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("Succeeded", await StateAsync(emulator, $"{EndpointPath(emulator)}?api-version={TestApiVersions.NetworkNewer}"));

        var zoneGroupPath = $"{EndpointPath(emulator)}/privateDnsZoneGroups/default?api-version={TestApiVersions.NetworkNewer}";
        using var group = await emulator.PutAsync(zoneGroupPath, new
        {
            properties = new
            {
                privateDnsZoneConfigs = new[]
                {
                    new { name = "privatelink-redis", properties = new { privateDnsZoneId = zoneId } },
                },
            },
        });
        Assert.Equal(HttpStatusCode.Created, group.StatusCode);
        Assert.Contains("/providers/Microsoft.Network/locations/eastus/operations/", group.Header("Azure-AsyncOperation"));
        var groupBody = await group.JsonAsync();
        Assert.Equal("Microsoft.Network/privateEndpoints/privateDnsZoneGroups", (string)groupBody["type"]!);
        Assert.EndsWith("/privateDnsZoneGroups/default/privateDnsZoneConfigs/privatelink-redis",
            (string)groupBody["properties"]!["privateDnsZoneConfigs"]![0]!["id"]!);
        emulator.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("Succeeded", await StateAsync(emulator, zoneGroupPath));
    }

    [Fact]
    public async Task DeleteAnswers202WithOperationResultsThatEndIn204()
    {
        await using var emulator = await StartWithGroupAsync();
        using var _ = await emulator.PutAsync(VnetPath(emulator, "vnet"), Vnet("a"));
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, VnetPath(emulator, "vnet"));

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Contains("/operations/", deleted.Header("Azure-AsyncOperation"));
        var result = deleted.Header("Location")!;
        Assert.Contains($"/providers/Microsoft.Network/locations/eastus/operationResults/", result);
        using var running = await emulator.FollowAsync(result);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);

        emulator.Clock.Advance(TimeSpan.FromSeconds(10));
        using var finished = await emulator.FollowAsync(result);
        Assert.Equal(HttpStatusCode.NoContent, finished.StatusCode);
        using var gone = await emulator.GetAsync(SubnetPath(emulator, "vnet", "a"));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    internal static object Vnet(params string[] subnets) => new
    {
        location = "eastus",
        properties = new
        {
            addressSpace = new { addressPrefixes = new[] { "10.0.0.0/16" } },
            subnets = subnets.Select((name, i) => new { name, properties = new { addressPrefix = $"10.0.{i}.0/24" } }),
        },
    };

    internal static string VnetPath(TestEmulator emulator, string name) =>
        $"{emulator.Group("rg")}/providers/Microsoft.Network/virtualNetworks/{name}?api-version=2024-07-01";

    private static string SubnetPath(TestEmulator emulator, string vnet, string subnet) =>
        $"{emulator.Group("rg")}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}?api-version=2024-07-01";

    private static string EndpointPath(TestEmulator emulator) => $"{emulator.Group("rg")}/providers/Microsoft.Network/privateEndpoints/pe1";

    private static async Task<string> StateAsync(TestEmulator emulator, string path) =>
        (string)(await (await emulator.GetAsync(path)).JsonAsync())["properties"]!["provisioningState"]!;

    private static async Task<TestEmulator> StartWithGroupAsync(double timeScale = 1.0)
    {
        var emulator = await TestEmulator.StartAsync(o => o.TimeScale = timeScale);
        await emulator.CreateGroupAsync("rg");
        return emulator;
    }
}

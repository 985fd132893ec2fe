using System.Net;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>Private DNS as recorded: 202 "{}" and privateDnsOperationStatuses that answer 202 while running.</summary>
public sealed class PrivateDnsTests
{
    private const string Zone = "privatelink.redis.cache.windows.net";

    [Fact]
    public async Task ZonePutIsAcceptedAndPolledUntilSucceeded()
    {
        await using var emulator = await StartWithGroupAsync();
        var example = SharedExamples.Load("Microsoft.Network.PrivateDns/PrivateZonePut.json");

        using var accepted = await emulator.PutAsync(ZonePath(emulator), example["parameters"]!["parameters"]!.DeepClone());

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("{}", await accepted.Content.ReadAsStringAsync());
        var status = accepted.Header("Azure-AsyncOperation")!;
        var result = accepted.Header("Location")!;
        Assert.Contains($"{emulator.Group("rg")}/providers/Microsoft.Network/privateDnsOperationStatuses/", status);
        Assert.Contains($"{emulator.Group("rg")}/providers/Microsoft.Network/privateDnsOperationResults/", result);
        Assert.NotNull(accepted.Header("Retry-After"));

        using var running = await emulator.FollowAsync(status);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.Equal("InProgress", (string)(await running.JsonAsync())["status"]!);
        Assert.NotNull(running.Header("Azure-AsyncOperation"));
        using var resultRunning = await emulator.FollowAsync(result);
        Assert.Equal(HttpStatusCode.Accepted, resultRunning.StatusCode);

        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        using var done = await emulator.FollowAsync(status);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("Succeeded", (string)(await done.JsonAsync())["status"]!);

        using var resultDone = await emulator.FollowAsync(result);
        Assert.Equal(HttpStatusCode.OK, resultDone.StatusCode);
        var zone = await resultDone.JsonAsync();
        var expected = SharedExamples.Response("Microsoft.Network.PrivateDns/PrivateZonePut.json", "201");
        Assert.Equal((string)expected["type"]!, (string)zone["type"]!);
        Assert.Equal((string)expected["location"]!, (string)zone["location"]!);
        Assert.Equal(Zone, (string)zone["name"]!);
        Assert.Equal("value1", (string)zone["tags"]!["key1"]!);
        foreach (var (name, _) in expected["properties"]!.AsObject())
        {
            Assert.True(zone["properties"]!.AsObject().ContainsKey(name), name);
        }

        Assert.Equal(1, (int)zone["properties"]!["numberOfRecordSets"]!);
    }

    [Fact]
    public async Task LinksAndRecordSetsAreCountedOnTheZone()
    {
        await using var emulator = await StartWithGroupAsync(timeScale: 0);
        using var zone = await emulator.PutAsync(ZonePath(emulator), new { location = "global" });
        using var vnet = await emulator.PutAsync(NetworkTests.VnetPath(emulator, "vnet"), NetworkTests.Vnet("a"));
        var zoneBase = ZonePath(emulator).Split('?')[0];

        using var link = await emulator.PutAsync($"{zoneBase}/virtualNetworkLinks/link1?api-version={TestApiVersions.PrivateDns}", new
        {
            location = "global",
            properties = new
            {
                virtualNetwork = new { id = $"{emulator.Group("rg")}/providers/Microsoft.Network/virtualNetworks/vnet" },
                registrationEnabled = false,
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, link.StatusCode);
        Assert.Equal("{}", await link.Content.ReadAsStringAsync());

        var readLink = await (await emulator.GetAsync($"{zoneBase}/virtualNetworkLinks/link1?api-version={TestApiVersions.PrivateDns}")).JsonAsync();
        var expectedLink = SharedExamples.Response("Microsoft.Network.PrivateDns/VirtualNetworkLinkPut.json", "201");
        Assert.Equal((string)expectedLink["type"]!, (string)readLink["type"]!);
        Assert.Equal("global", (string)readLink["location"]!);
        Assert.Equal("Completed", (string)readLink["properties"]!["virtualNetworkLinkState"]!);
        Assert.Equal("Succeeded", (string)readLink["properties"]!["provisioningState"]!);

        using var record = await emulator.PutAsync($"{zoneBase}/A/cache1?api-version={TestApiVersions.PrivateDns}",
            new { properties = new { ttl = 10, aRecords = new[] { new { ipv4Address = "10.0.0.4" } } } });
        Assert.Equal(HttpStatusCode.Created, record.StatusCode);
        var recordBody = await record.JsonAsync();
        Assert.Equal("Microsoft.Network/privateDnsZones/A", (string)recordBody["type"]!);
        Assert.Equal($"cache1.{Zone}.", (string)recordBody["properties"]!["fqdn"]!);
        Assert.Equal("10.0.0.4", (string)recordBody["properties"]!["aRecords"]![0]!["ipv4Address"]!);

        var counted = await (await emulator.GetAsync(ZonePath(emulator))).JsonAsync();
        Assert.Equal(2, (int)counted["properties"]!["numberOfRecordSets"]!);
        Assert.Equal(1, (int)counted["properties"]!["numberOfVirtualNetworkLinks"]!);
    }

    [Fact]
    public async Task ZoneDeleteIsAcceptedThenTheResultIs204()
    {
        await using var emulator = await StartWithGroupAsync();
        using var _ = await emulator.PutAsync(ZonePath(emulator), new { location = "global" });
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, ZonePath(emulator));
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        using var result = await emulator.FollowAsync(deleted.Header("Location")!);
        Assert.Equal(HttpStatusCode.NoContent, result.StatusCode);
        using var gone = await emulator.GetAsync(ZonePath(emulator));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private static string ZonePath(TestEmulator emulator) =>
        $"{emulator.Group("rg")}/providers/Microsoft.Network/privateDnsZones/{Zone}?api-version=2024-06-01";

    private static async Task<TestEmulator> StartWithGroupAsync(double timeScale = 1.0)
    {
        var emulator = await TestEmulator.StartAsync(o => o.TimeScale = timeScale);
        await emulator.CreateGroupAsync("rg");
        return emulator;
    }
}

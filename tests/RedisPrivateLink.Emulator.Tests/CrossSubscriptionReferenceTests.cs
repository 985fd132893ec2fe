using System.Net;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>
/// References across a landing zone's subscriptions, as Azure takes them: an endpoint only in its network's
/// subscription (Microsoft docs, "What is a private endpoint?"), its cache anywhere; a zone group naming the hub's zone
/// writes the A record there; the hub's zone links a spoke's network.
/// </summary>
public sealed class CrossSubscriptionReferenceTests
{
    private const string Hub = "aaaaaaaa-0000-0000-0000-00000000000a";
    private const string Spoke = "bbbbbbbb-0000-0000-0000-00000000000b";

    [Fact]
    public async Task AnEndpointInAnotherSubscriptionThanItsSubnetIsAnInvalidReference()
    {
        await using var emulator = await StartAsync();
        var spokeEndpoint = $"/subscriptions/{Spoke}/resourceGroups/rg-spoke/providers/Microsoft.Network/privateEndpoints/pe1";

        using var refused = await emulator.PutAsync(Network(spokeEndpoint), Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.CacheId("cache1")));

        var message = await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidResourceReference");
        Assert.StartsWith($"Resource {emulator.SubnetId("vnet", "endpoints")} referenced by resource {spokeEndpoint} was not found.", message);
        using var missing = await emulator.GetAsync(Network(spokeEndpoint));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task AnEndpointBesideItsSubnetMayTargetACacheInAnotherSubscription()
    {
        await using var emulator = await StartAsync();
        var spokeCache = $"/subscriptions/{Spoke}/resourceGroups/rg-spoke/providers/Microsoft.Cache/redis/spoke-cache";
        await emulator.PutOkAsync(Redis(spokeCache), new { location = "eastus" });

        using var created = await emulator.PutAsync(Network(emulator.EndpointId("pe1")), Endpoint(emulator.SubnetId("vnet", "endpoints"), spokeCache));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var cache = await (await emulator.GetAsync(Redis(spokeCache))).JsonAsync();
        Assert.Contains(emulator.EndpointId("pe1"), cache["properties"]!["privateEndpointConnections"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheHubsZoneLinksASpokeNetworkAndAZoneGroupWritesTheRecordIntoIt()
    {
        await using var emulator = await StartAsync();
        var hubZone = $"/subscriptions/{Hub}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/{Zone}";
        await emulator.PutOkAsync(Dns(hubZone), new { location = "global" });
        await emulator.PutOkAsync(Dns($"{hubZone}/virtualNetworkLinks/spoke"),
            new { location = "global", properties = new { virtualNetwork = new { id = emulator.VnetId("vnet") }, registrationEnabled = false } });
        await emulator.PutOkAsync(Network(emulator.EndpointId("pe1")), Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.CacheId("cache1")));

        await emulator.PutOkAsync(Network($"{emulator.EndpointId("pe1")}/privateDnsZoneGroups/default"), ZoneGroup(hubZone));

        var link = await (await emulator.GetAsync(Dns($"{hubZone}/virtualNetworkLinks/spoke"))).JsonAsync();
        Assert.Equal("Succeeded", (string)link["properties"]!["provisioningState"]!);
        var endpoint = await (await emulator.GetAsync(Network(emulator.EndpointId("pe1")))).JsonAsync();
        var address = (string)endpoint["properties"]!["customDnsConfigs"]![0]!["ipAddresses"]![0]!;
        var record = await (await emulator.GetAsync(Dns($"{hubZone}/A/cache1"))).JsonAsync();
        Assert.Equal(address, (string)record["properties"]!["aRecords"]![0]!["ipv4Address"]!);
        using var none = await emulator.GetAsync(Dns($"{emulator.ZoneId()}/A/cache1"));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    /// <summary>The default subscription holds a group with a VNet and a cache; the hub and the spoke an empty group each.</summary>
    private static async Task<TestEmulator> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync(o =>
        {
            o.TimeScale = 0;
            o.AdditionalSubscriptions.Add(Hub);
            o.AdditionalSubscriptions.Add(Spoke);
        });
        await emulator.CreateGroupAsync("rg");
        await emulator.PutOkAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("endpoints", "10.0.1.0/24")));
        await emulator.PutOkAsync(Redis(emulator.CacheId("cache1")), new { location = "eastus" });
        await emulator.PutOkAsync($"/subscriptions/{Hub}/resourceGroups/rg-dns?api-version={TestApiVersions.ResourceGroups}", new { location = "eastus" });
        await emulator.PutOkAsync($"/subscriptions/{Spoke}/resourceGroups/rg-spoke?api-version={TestApiVersions.ResourceGroups}", new { location = "eastus" });
        return emulator;
    }
}

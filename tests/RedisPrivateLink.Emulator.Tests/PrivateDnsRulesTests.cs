using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>Private DNS refusals: zone names, links to VNets, and deleting a zone that is still linked.</summary>
public sealed class PrivateDnsRulesTests
{
    [Theory]
    [InlineData("localzone", "does not have enough labels. Zone names must have two or more labels.")]
    [InlineData("bad..name.net", "is invalid.")]
    [InlineData("-leading.example.com", "is invalid.")]
    public async Task ZoneNamesMustBeDnsNamesOfTwoOrMoreLabels(string zone, string expected)
    {
        await using var emulator = await StartAsync();

        using var response = await emulator.PutAsync(Dns(emulator.ZoneId(zone)), new { location = "global" });

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains(expected, message);
    }

    [Fact]
    public async Task ALinkNeedsAVnetThatExists()
    {
        await using var emulator = await StartAsync();

        using var response = await emulator.PutAsync(Dns($"{emulator.ZoneId()}/virtualNetworkLinks/link1"), Link(emulator.VnetId("ghost")));

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest");
        Assert.Equal($"Virtual network resource not found for '{emulator.VnetId("ghost")}'", message);
    }

    [Fact]
    public async Task AZoneLinksEachVnetOnce()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Dns($"{emulator.ZoneId()}/virtualNetworkLinks/link1"), Link(emulator.VnetId("vnet")));

        using var second = await emulator.PutAsync(Dns($"{emulator.ZoneId()}/virtualNetworkLinks/link2"), Link(emulator.VnetId("vnet").ToUpperInvariant()));
        await second.AssertErrorAsync(HttpStatusCode.Conflict, "Conflict");

        using var again = await emulator.PutAsync(Dns($"{emulator.ZoneId()}/virtualNetworkLinks/link1"), Link(emulator.VnetId("vnet")));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task ALinkedZoneCannotBeDeletedUntilItsLinksAreGone()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Dns($"{emulator.ZoneId()}/virtualNetworkLinks/link1"), Link(emulator.VnetId("vnet")));

        using var refused = await emulator.SendAsync(HttpMethod.Delete, Dns(emulator.ZoneId()));
        await refused.AssertErrorAsync(HttpStatusCode.Conflict, "Conflict");
        using var stillThere = await emulator.GetAsync(Dns(emulator.ZoneId()));
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);

        using var unlinked = await emulator.SendAsync(HttpMethod.Delete, Dns($"{emulator.ZoneId()}/virtualNetworkLinks/link1"));
        Assert.Equal(HttpStatusCode.Accepted, unlinked.StatusCode);
        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Dns(emulator.ZoneId()));
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
    }

    /// <summary>
    /// Issue 16: a VNet takes one zone of a name. As in Azure/ARO-RP#796, the second link is accepted and its operation
    /// ends Failed with BadRequest "...overlapping namespaces..."; the link is left Failed, and the first one stays.
    /// </summary>
    [Fact]
    public async Task AVnetLinkedToAZoneCannotBeLinkedToAnotherZoneOfTheSameName()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateGroupAsync("rg-hub");
        var hubZone = $"{emulator.Group("rg-hub")}/providers/Microsoft.Network/privateDnsZones/{Bodies.Zone}";
        await emulator.PutOkAsync(Dns(hubZone), new { location = "global" });
        await emulator.PutOkAsync(Dns($"{hubZone}/virtualNetworkLinks/hub-link"), Link(emulator.VnetId("vnet")));

        using var accepted = await emulator.PutAsync(Dns($"{emulator.ZoneId()}/virtualNetworkLinks/link1"), Link(emulator.VnetId("vnet")));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        using var status = await emulator.FollowAsync(accepted.Header("Azure-AsyncOperation")!);
        var operation = await status.JsonAsync();
        Assert.Equal("Failed", (string)operation["status"]!);
        Assert.Equal("BadRequest", (string)operation["error"]!["code"]!);
        Assert.Equal(
            $"A virtual network cannot be linked to multiple zones with overlapping namespaces. You tried to link virtual network with '{Bodies.Zone}' and '{Bodies.Zone}' zones.",
            (string)operation["error"]!["message"]!);
        using var failed = await emulator.GetAsync(Dns($"{emulator.ZoneId()}/virtualNetworkLinks/link1"));
        Assert.Equal("Failed", (string)(await failed.JsonAsync())["properties"]!["provisioningState"]!);
        using var hubLink = await emulator.GetAsync(Dns($"{hubZone}/virtualNetworkLinks/hub-link"));
        Assert.Equal("Succeeded", (string)(await hubLink.JsonAsync())["properties"]!["provisioningState"]!);
    }

    [Fact]
    public async Task AVnetLinksToZonesOfOtherNames()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Dns(emulator.ZoneId("privatelink.redis.azure.net")), new { location = "global" });
        await emulator.PutOkAsync(Dns($"{emulator.ZoneId()}/virtualNetworkLinks/link1"), Link(emulator.VnetId("vnet")));

        await emulator.PutOkAsync(Dns($"{emulator.ZoneId("privatelink.redis.azure.net")}/virtualNetworkLinks/link1"), Link(emulator.VnetId("vnet")));

        using var link = await emulator.GetAsync(Dns($"{emulator.ZoneId("privatelink.redis.azure.net")}/virtualNetworkLinks/link1"));
        Assert.Equal("Succeeded", (string)(await link.JsonAsync())["properties"]!["provisioningState"]!);
    }

    /// <summary>privatedns 2024-06-01 VirtualNetworkLinkProperties.resolutionPolicy: stored as sent, Default when not sent.</summary>
    [Theory]
    [InlineData("NxDomainRedirect", "NxDomainRedirect")]
    [InlineData("Default", "Default")]
    [InlineData(null, "Default")]
    public async Task ALinkKeepsItsResolutionPolicy(string? sent, string expected)
    {
        await using var emulator = await StartAsync();
        var properties = new JsonObject { ["virtualNetwork"] = new JsonObject { ["id"] = emulator.VnetId("vnet") }, ["registrationEnabled"] = false };
        if (sent is not null)
        {
            properties["resolutionPolicy"] = sent;
        }

        await emulator.PutOkAsync(Dns($"{emulator.ZoneId()}/virtualNetworkLinks/link1"), new JsonObject { ["location"] = "global", ["properties"] = properties });

        using var link = await emulator.GetAsync(Dns($"{emulator.ZoneId()}/virtualNetworkLinks/link1"));
        Assert.Equal(expected, (string)(await link.JsonAsync())["properties"]!["resolutionPolicy"]!);
    }

    [Fact]
    public async Task AnUnknownResolutionPolicyIsRefused()
    {
        await using var emulator = await StartAsync();

        using var response = await emulator.PutAsync(Dns($"{emulator.ZoneId()}/virtualNetworkLinks/link1"), new
        {
            location = "global",
            properties = new { virtualNetwork = new { id = emulator.VnetId("vnet") }, resolutionPolicy = "Fallback" },
        });

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("'Fallback'", message);
    }

    private static object Link(string vnetId) => new
    {
        location = "global",
        properties = new { virtualNetwork = new { id = vnetId }, registrationEnabled = false },
    };

    private static async Task<TestEmulator> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync(o => o.TimeScale = 0);
        await emulator.CreateGroupAsync("rg");
        await emulator.PutOkAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("default", "10.0.0.0/24")));
        await emulator.PutOkAsync(Dns(emulator.ZoneId()), new { location = "global" });
        return emulator;
    }
}

using System.Net;
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

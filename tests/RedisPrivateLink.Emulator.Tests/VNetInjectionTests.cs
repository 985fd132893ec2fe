using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>VNet injection: the subnet is chosen at create only, holds only caches, and gives each cache a static IP.</summary>
public sealed class VNetInjectionTests
{
    [Fact]
    public async Task InjectedCachesGetTheLowestFreeStaticIpOfTheirSubnetUnlessTheyNameOne()
    {
        await using var emulator = await StartAsync();

        await emulator.PutOkAsync(Redis(emulator.CacheId("first")), InjectedCache(emulator, "caches"));
        await emulator.PutOkAsync(Redis(emulator.CacheId("chosen")), InjectedCache(emulator, "caches", staticIp: "10.0.0.10"));
        await emulator.PutOkAsync(Redis(emulator.CacheId("second")), InjectedCache(emulator, "caches"));

        Assert.Equal("10.0.0.4", await StaticIpAsync(emulator, "first"));
        Assert.Equal("10.0.0.10", await StaticIpAsync(emulator, "chosen"));
        Assert.Equal("10.0.0.5", await StaticIpAsync(emulator, "second"));
        foreach (var (name, staticIp) in new[] { ("taken", "10.0.0.4"), ("outside", "10.0.1.4"), ("reserved", "10.0.0.1"), ("broadcast", "10.0.0.255") })
        {
            using var refused = await emulator.PutAsync(Redis(emulator.CacheId(name)), InjectedCache(emulator, "caches", staticIp));
            Assert.StartsWith("The value of the parameter 'properties.staticIP' is invalid.",
                await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));
        }

        var withoutSubnet = InjectedCache(emulator, "caches", "10.0.0.20");
        withoutSubnet["properties"]!.AsObject().Remove("subnetId");
        using var noSubnet = await emulator.PutAsync(Redis(emulator.CacheId("nosubnet")), withoutSubnet);
        Assert.StartsWith("The value of the parameter 'properties.staticIP' is invalid.",
            await noSubnet.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));
    }

    [Fact]
    public async Task TheSubnetIsChosenAtCreateOnly()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Redis(emulator.CacheId("injected")), InjectedCache(emulator, "caches"));
        await emulator.PutOkAsync(Redis(emulator.CacheId("plain")), InjectedCache(emulator, subnet: null));
        const string Refusal = "The requested update to the resource is not permitted. The following properties(s) cannot be " +
                               "modified: 'properties.subnetId'.";

        using var moved = await PatchAsync(emulator, "injected", new JsonObject { ["subnetId"] = emulator.SubnetId("vnet", "other") });
        Assert.StartsWith(Refusal, await moved.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest"));
        using var removed = await PatchAsync(emulator, "injected", new JsonObject { ["subnetId"] = null });
        Assert.StartsWith(Refusal, await removed.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest"));
        using var added = await PatchAsync(emulator, "plain", new JsonObject { ["subnetId"] = emulator.SubnetId("vnet", "caches") });
        Assert.StartsWith(Refusal, await added.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest"));
        using var replaced = await emulator.PutAsync(Redis(emulator.CacheId("injected")), InjectedCache(emulator, "other"));
        Assert.StartsWith(Refusal, await replaced.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest"));
        using var readdressed = await PatchAsync(emulator, "injected", new JsonObject { ["staticIP"] = "10.0.0.30" });
        Assert.Contains("'properties.staticIP'", await readdressed.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest"));

        using var samePut = await emulator.PutAsync(Redis(emulator.CacheId("injected")), InjectedCache(emulator, "caches"));
        Assert.Equal(HttpStatusCode.OK, samePut.StatusCode);
        using var otherChange = await PatchAsync(emulator, "injected", new JsonObject { ["minimumTlsVersion"] = "1.2" });
        Assert.Equal(HttpStatusCode.Accepted, otherChange.StatusCode);
        Assert.Equal("10.0.0.4", await StaticIpAsync(emulator, "injected"));
    }

    [Fact]
    public async Task NothingButCachesGoesIntoASubnetThatHoldsAnInjectedCache()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Redis(emulator.CacheId("injected")), InjectedCache(emulator, "caches"));
        await emulator.PutOkAsync(Redis(emulator.CacheId("plain")), InjectedCache(emulator, subnet: null));
        var cachesSubnet = emulator.SubnetId("vnet", "caches");

        using var endpoint = await emulator.PutAsync(Network(emulator.EndpointId("pe1")), Endpoint(cachesSubnet, emulator.CacheId("plain")));
        var message = await endpoint.AssertErrorAsync(HttpStatusCode.BadRequest, "SubnetHoldsInjectedRedisCache");
        Assert.Contains(emulator.CacheId("injected").Replace("/redis/", "/Redis/"), message);
        using var nic = await emulator.PutAsync(Network(NicId(emulator, "nic1")), Nic(cachesSubnet));
        await nic.AssertErrorAsync(HttpStatusCode.BadRequest, "SubnetHoldsInjectedRedisCache");

        await emulator.PutOkAsync(Redis(emulator.CacheId("another")), InjectedCache(emulator, "caches"));
        Assert.Equal("10.0.0.5", await StaticIpAsync(emulator, "another"));
    }

    [Fact]
    public async Task ACacheIsNotInjectedIntoASubnetThatHoldsEndpointsOrInterfaces()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Redis(emulator.CacheId("plain")), InjectedCache(emulator, subnet: null));
        await emulator.PutOkAsync(Network(emulator.EndpointId("pe1")), Endpoint(emulator.SubnetId("vnet", "other"), emulator.CacheId("plain")));
        await emulator.PutOkAsync(Network(NicId(emulator, "nic1")), Nic(emulator.SubnetId("vnet", "caches")));

        using var besideEndpoint = await emulator.PutAsync(Redis(emulator.CacheId("injected1")), InjectedCache(emulator, "other"));
        var message = await besideEndpoint.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest");
        Assert.StartsWith($"The subnet '{emulator.SubnetId("vnet", "other")}' cannot hold Azure Cache for Redis because it holds '{emulator.EndpointId("pe1")}'.", message);
        using var besideNic = await emulator.PutAsync(Redis(emulator.CacheId("injected2")), InjectedCache(emulator, "caches"));
        Assert.Contains($"'{NicId(emulator, "nic1")}'", await besideNic.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest"));

        using var missing = await emulator.GetAsync(Redis(emulator.CacheId("injected1")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ASubnetHoldingAnInjectedCacheCannotBeDeleted()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Redis(emulator.CacheId("injected")), InjectedCache(emulator, "caches"));

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Network(emulator.SubnetId("vnet", "caches")));

        var message = await deleted.AssertErrorAsync(HttpStatusCode.BadRequest, "InUseSubnetCannotBeDeleted");
        Assert.Contains(emulator.CacheId("injected").Replace("/redis/", "/Redis/"), message);
    }

    private static JsonObject InjectedCache(TestEmulator emulator, string? subnet, string? staticIp = null)
    {
        var properties = new JsonObject { ["sku"] = new JsonObject { ["name"] = "Premium", ["family"] = "P", ["capacity"] = 1 } };
        if (subnet is not null)
        {
            properties["subnetId"] = emulator.SubnetId("vnet", subnet);
        }

        if (staticIp is not null)
        {
            properties["staticIP"] = staticIp;
        }

        return new JsonObject { ["location"] = "eastus", ["properties"] = properties };
    }

    private static JsonObject Nic(string subnetId) => new()
    {
        ["location"] = "eastus",
        ["properties"] = new JsonObject
        {
            ["ipConfigurations"] = new JsonArray(new JsonObject
            {
                ["name"] = "ipconfig1",
                ["properties"] = new JsonObject { ["subnet"] = new JsonObject { ["id"] = subnetId } },
            }),
        },
    };

    private static string NicId(TestEmulator emulator, string name) => $"{emulator.Group("rg")}/providers/Microsoft.Network/networkInterfaces/{name}";

    private static Task<HttpResponseMessage> PatchAsync(TestEmulator emulator, string cache, JsonObject properties) =>
        emulator.SendAsync(HttpMethod.Patch, Redis(emulator.CacheId(cache)), new JsonObject { ["properties"] = properties });

    private static async Task<string?> StaticIpAsync(TestEmulator emulator, string cache) =>
        (string?)(await (await emulator.GetAsync(Redis(emulator.CacheId(cache)))).JsonAsync())["properties"]!["staticIP"];

    /// <summary>A VNet with a subnet for caches and another one; everything provisions at once.</summary>
    private static async Task<TestEmulator> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync(o => o.TimeScale = 0);
        await emulator.CreateGroupAsync("rg");
        await emulator.PutOkAsync(Network(emulator.VnetId("vnet")),
            Vnet("eastus", "10.0.0.0/16", ("caches", "10.0.0.0/24"), ("other", "10.0.1.0/24")));
        return emulator;
    }
}

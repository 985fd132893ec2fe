using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>What Microsoft.Network checks when a private endpoint or its DNS zone group is written.</summary>
public sealed class PrivateEndpointRulesTests
{
    [Fact]
    public async Task AMissingSubnetIsAnInvalidReference()
    {
        await using var emulator = await StartAsync();

        using var response = await emulator.PutAsync(Network(emulator.EndpointId("pe1")),
            Endpoint(emulator.SubnetId("vnet", "ghost"), emulator.CacheId("cache1")));

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidResourceReference");
        Assert.StartsWith($"Resource {emulator.SubnetId("vnet", "ghost")} referenced by resource {emulator.EndpointId("pe1")} was not found.", message);
        using var missing = await emulator.GetAsync(Network(emulator.EndpointId("pe1")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task TheEndpointMustBeInItsVnetsRegionButTheCacheMayBeElsewhere()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Redis(emulator.CacheId("faraway")), new { location = "westeurope" });

        using var otherRegion = await emulator.PutAsync(Network(emulator.EndpointId("pe1")),
            Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.CacheId("cache1"), location: "westus"));
        var message = await otherRegion.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidResourceReference");
        Assert.EndsWith("and that both resources are in the same region.", message);

        using var crossRegionCache = await emulator.PutAsync(Network(emulator.EndpointId("pe2")),
            Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.CacheId("faraway")));
        Assert.Equal(HttpStatusCode.Created, crossRegionCache.StatusCode);
    }

    /// <summary>
    /// Azure has created private endpoints in subnets with network policies on since NSG and route table support for
    /// them went GA (2022); the old PrivateEndpointCannotBeCreatedInSubnetThatHasNetworkPoliciesEnabled is gone.
    /// </summary>
    [Theory]
    [InlineData("Enabled")]
    [InlineData("Disabled")]
    [InlineData("NetworkSecurityGroupEnabled")]
    [InlineData("RouteTableEnabled")]
    public async Task AnEndpointGoesInASubnetWhateverItsEndpointPolicies(string policies)
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Network(emulator.SubnetId("vnet", "policed")), Subnet("10.0.9.0/24", endpointPolicies: policies));

        using var response = await emulator.PutAsync(Network(emulator.EndpointId("pe1")),
            Endpoint(emulator.SubnetId("vnet", "policed"), emulator.CacheId("cache1")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var subnet = await (await emulator.GetAsync(Network(emulator.SubnetId("vnet", "policed")))).JsonAsync();
        Assert.Equal(policies, (string)subnet["properties"]!["privateEndpointNetworkPolicies"]!);
    }

    [Fact]
    public async Task TheTargetMustExistAndOfferTheGroup()
    {
        await using var emulator = await StartAsync();

        using var missing = await emulator.PutAsync(Network(emulator.EndpointId("pe1")),
            Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.CacheId("ghost")));
        await missing.AssertErrorAsync(HttpStatusCode.NotFound, "ResourceNotFound");

        using var wrongGroup = await emulator.PutAsync(Network(emulator.EndpointId("pe1")),
            Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.CacheId("cache1"), groupId: "blob"));
        var message = await wrongGroup.AssertErrorAsync(HttpStatusCode.BadRequest, "PrivateEndpointBadRequest");
        Assert.StartsWith("Call to Microsoft.Cache/Redis failed.", message);
        Assert.Contains("redisCache", message);
    }

    [Fact]
    public async Task AVnetInjectedCacheCannotGetAPrivateEndpoint()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Network(emulator.SubnetId("vnet", "cache")), Subnet("10.0.8.0/24"));
        await emulator.PutOkAsync(Redis(emulator.CacheId("injected")), new
        {
            location = "eastus",
            properties = new { sku = new { name = "Premium", family = "P", capacity = 1 }, subnetId = emulator.SubnetId("vnet", "cache") },
        });

        using var response = await emulator.PutAsync(Network(emulator.EndpointId("pe1")),
            Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.CacheId("injected")));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "PrivateEndpointNotSupportedForVNetInjectedCache");
    }

    [Fact]
    public async Task AddressesAreHandedOutFromDotFourUntilTheSubnetIsFull()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Network(emulator.SubnetId("vnet", "small")), Subnet("10.0.7.0/29"));

        foreach (var name in new[] { "pe1", "pe2", "pe3" })
        {
            await emulator.PutOkAsync(Network(emulator.EndpointId(name)), Endpoint(emulator.SubnetId("vnet", "small"), emulator.CacheId("cache1")));
        }

        Assert.Equal(["10.0.7.4", "10.0.7.5", "10.0.7.6"], [await AddressAsync(emulator, "pe1"), await AddressAsync(emulator, "pe2"), await AddressAsync(emulator, "pe3")]);
        using var full = await emulator.PutAsync(Network(emulator.EndpointId("pe4")), Endpoint(emulator.SubnetId("vnet", "small"), emulator.CacheId("cache1")));
        var message = await full.AssertErrorAsync(HttpStatusCode.BadRequest, "SubnetIsFull");
        Assert.Equal("Subnet small with address prefix 10.0.7.0/29 does not have enough capacity for 1 IP addresses.", message);

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Network(emulator.EndpointId("pe1")));
        await emulator.PutOkAsync(Network(emulator.EndpointId("pe4")), Endpoint(emulator.SubnetId("vnet", "small"), emulator.CacheId("cache1")));
        Assert.Equal("10.0.7.4", await AddressAsync(emulator, "pe4"));
    }

    [Fact]
    public async Task DeletingAnEndpointRemovesItsInterfaceConnectionAndRecords()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Network(emulator.EndpointId("pe1")), Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.CacheId("cache1")));
        await emulator.PutOkAsync(Dns(emulator.ZoneId()), new { location = "global" });
        await emulator.PutOkAsync(Network($"{emulator.EndpointId("pe1")}/privateDnsZoneGroups/default"), ZoneGroup(emulator.ZoneId()));
        var endpoint = await (await emulator.GetAsync(Network(emulator.EndpointId("pe1")))).JsonAsync();
        var nicId = (string)endpoint["properties"]!["networkInterfaces"]![0]!["id"]!;

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Network(emulator.EndpointId("pe1")));
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);

        using var nic = await emulator.GetAsync(Network(nicId));
        Assert.Equal(HttpStatusCode.NotFound, nic.StatusCode);
        using var record = await emulator.GetAsync(Dns($"{emulator.ZoneId()}/A/cache1"));
        Assert.Equal(HttpStatusCode.NotFound, record.StatusCode);
        var cache = await (await emulator.GetAsync(Redis(emulator.CacheId("cache1")))).JsonAsync();
        // A cache without connections has no such key (the 2024-11-01 cache answers in shared/recordings).
        Assert.Null(cache["properties"]!["privateEndpointConnections"]);
    }

    [Fact]
    public async Task AnEndpointHasOneZoneGroupNamingZonesThatExist()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Network(emulator.EndpointId("pe1")), Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.CacheId("cache1")));
        var groups = $"{emulator.EndpointId("pe1")}/privateDnsZoneGroups";

        using var missingZone = await emulator.PutAsync(Network($"{groups}/default"), ZoneGroup(emulator.ZoneId()));
        await missingZone.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidResourceReference");

        await emulator.PutOkAsync(Dns(emulator.ZoneId()), new { location = "global" });
        await emulator.PutOkAsync(Network($"{groups}/default"), ZoneGroup(emulator.ZoneId()));
        using var second = await emulator.PutAsync(Network($"{groups}/another"), ZoneGroup(emulator.ZoneId()));
        var message = await second.AssertErrorAsync(HttpStatusCode.BadRequest, "PrivateDnsZoneGroupLimitExceeded");
        Assert.Equal("Cannot create more than one private dns zone groups in the private endpoint pe1.", message);

        using var updated = await emulator.PutAsync(Network($"{groups}/default"), ZoneGroup(emulator.ZoneId()));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
    }

    private static async Task<string> AddressAsync(TestEmulator emulator, string endpoint)
    {
        var body = await (await emulator.GetAsync(Network(emulator.EndpointId(endpoint)))).JsonAsync();
        return (string)body["properties"]!["customDnsConfigs"]![0]!["ipAddresses"]![0]!;
    }

    /// <summary>A group with a VNet (subnets default and endpoints) and a cache, all provisioned at once.</summary>
    private static async Task<TestEmulator> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync(o => o.TimeScale = 0);
        await emulator.CreateGroupAsync("rg");
        await emulator.PutOkAsync(Network(emulator.VnetId("vnet")),
            Vnet("eastus", "10.0.0.0/16", ("default", "10.0.0.0/24"), ("endpoints", "10.0.1.0/24")));
        await emulator.PutOkAsync(Redis(emulator.CacheId("cache1")), new { location = "eastus" });
        return emulator;
    }
}

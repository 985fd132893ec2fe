using System.Net;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>Microsoft.Network's address rules for VNets and subnets, with the codes Azure answers.</summary>
public sealed class SubnetLayoutTests
{
    [Theory]
    [InlineData("10.0.0.0", "10.0.0.0/24")]
    [InlineData("10.0.0.0/33", "10.0.0.0/24")]
    [InlineData("10.0/16", "10.0.0.0/24")]
    [InlineData("10.0.0.0/16", "banana")]
    public async Task MalformedPrefixesAreRefusedAndNothingIsStored(string addressSpace, string subnetPrefix)
    {
        await using var emulator = await StartAsync();

        using var response = await emulator.PutAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", addressSpace, ("a", subnetPrefix)));

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidAddressPrefixFormat");
        Assert.Contains("It should follow CIDR notation", message);
        using var missing = await emulator.GetAsync(Network(emulator.VnetId("vnet")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task HostBitsAreRefusedWithTheNetworkAzureWouldAccept()
    {
        await using var emulator = await StartAsync();

        using var response = await emulator.PutAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("a", "10.0.1.7/24")));

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidCIDRNotation");
        Assert.Contains($"{emulator.SubnetId("vnet", "a")} has an invalid CIDR notation", message);
        Assert.EndsWith("the address prefix should be 10.0.1.0/24.", message);
    }

    [Fact]
    public async Task SubnetsOutsideTheAddressSpaceAreRefused()
    {
        await using var emulator = await StartAsync();

        using var response = await emulator.PutAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("a", "10.1.0.0/24")));

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "NetcfgSubnetRangeOutsideVnet");
        Assert.Equal("Subnet 'a' is not valid because its IP address range is outside the IP address range of virtual network 'vnet'.", message);
    }

    [Fact]
    public async Task OverlappingSubnetsAreRefused()
    {
        await using var emulator = await StartAsync();

        using var response = await emulator.PutAsync(Network(emulator.VnetId("vnet")),
            Vnet("eastus", "10.0.0.0/16", ("a", "10.0.0.0/23"), ("b", "10.0.1.0/24")));

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "NetcfgSubnetRangesOverlap");
        Assert.StartsWith("Subnet 'b' is not valid because its IP address range overlaps", message);
    }

    [Fact]
    public async Task ASubnetPutAloneIsCheckedAgainstItsVnetAndSiblings()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("a", "10.0.0.0/24")));

        using var overlapping = await emulator.PutAsync(Network(emulator.SubnetId("vnet", "b")), Subnet("10.0.0.128/25"));
        await overlapping.AssertErrorAsync(HttpStatusCode.BadRequest, "NetcfgSubnetRangesOverlap");
        using var outside = await emulator.PutAsync(Network(emulator.SubnetId("vnet", "b")), Subnet("192.168.0.0/24"));
        await outside.AssertErrorAsync(HttpStatusCode.BadRequest, "NetcfgSubnetRangeOutsideVnet");
        using var hostBits = await emulator.PutAsync(Network(emulator.SubnetId("vnet", "b")), Subnet("10.0.1.1/24"));
        await hostBits.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidCIDRNotation");

        using var itself = await emulator.PutAsync(Network(emulator.SubnetId("vnet", "a")), Subnet("10.0.0.0/24"));
        Assert.Equal(HttpStatusCode.OK, itself.StatusCode);
        using var added = await emulator.PutAsync(Network(emulator.SubnetId("vnet", "b")), Subnet("10.0.1.0/24"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }

    [Fact]
    public async Task NewSubnetsLeavePrivateEndpointPoliciesDisabledUnlessAskedOtherwise()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("a", "10.0.0.0/24")));
        await emulator.PutOkAsync(Network(emulator.SubnetId("vnet", "b")), Subnet("10.0.1.0/24", endpointPolicies: "Enabled"));

        var a = await (await emulator.GetAsync(Network(emulator.SubnetId("vnet", "a")))).JsonAsync();
        var b = await (await emulator.GetAsync(Network(emulator.SubnetId("vnet", "b")))).JsonAsync();

        Assert.Equal("Disabled", (string)a["properties"]!["privateEndpointNetworkPolicies"]!);
        Assert.Equal("Enabled", (string)b["properties"]!["privateEndpointNetworkPolicies"]!);
    }

    [Fact]
    public async Task EndpointPoliciesOutsideTheSpecsValuesAreRefusedOnASubnetAndInAVnet()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("a", "10.0.0.0/24")));

        using var misspelt = await emulator.PutAsync(Network(emulator.SubnetId("vnet", "b")), Subnet("10.0.1.0/24", endpointPolicies: "NSGEnabled"));
        var message = await misspelt.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestFormat");
        Assert.Contains("'NSGEnabled'", message);
        Assert.Contains("Enabled, Disabled, NetworkSecurityGroupEnabled, RouteTableEnabled", message);

        var vnet = Vnet("eastus", "10.0.0.0/16", ("a", "10.0.0.0/24"));
        vnet["properties"]!["subnets"]![0]!["properties"]!["privateEndpointNetworkPolicies"] = "enabled";
        using var embedded = await emulator.PutAsync(Network(emulator.VnetId("vnet")), vnet);
        Assert.Contains($"subnet {emulator.SubnetId("vnet", "a")} ", await embedded.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestFormat"));

        var a = await (await emulator.GetAsync(Network(emulator.SubnetId("vnet", "a")))).JsonAsync();
        Assert.Equal("Disabled", (string)a["properties"]!["privateEndpointNetworkPolicies"]!);
    }

    [Fact]
    public async Task ASubnetHoldingAPrivateEndpointCannotBeDeletedDroppedOrTakenWithItsVnet()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("a", "10.0.0.0/24"), ("b", "10.0.1.0/24")));
        await emulator.PutOkAsync(Redis(emulator.CacheId("cache1")), new { location = "eastus" });
        await emulator.PutOkAsync(Network(emulator.EndpointId("pe1")), Endpoint(emulator.SubnetId("vnet", "a"), emulator.CacheId("cache1")));

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Network(emulator.SubnetId("vnet", "a")));
        var message = await deleted.AssertErrorAsync(HttpStatusCode.BadRequest, "InUseSubnetCannotBeDeleted");
        Assert.Matches("^Subnet a is in use by .*/networkInterfaces/pe1\\.nic\\.[0-9a-f-]+/ipConfigurations/privateEndpointIpConfig and cannot be deleted", message);
        using var dropped = await emulator.PutAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("b", "10.0.1.0/24")));
        await dropped.AssertErrorAsync(HttpStatusCode.BadRequest, "InUseSubnetCannotBeDeleted");
        using var vnetDeleted = await emulator.SendAsync(HttpMethod.Delete, Network(emulator.VnetId("vnet")));
        await vnetDeleted.AssertErrorAsync(HttpStatusCode.BadRequest, "InUseSubnetCannotBeDeleted");
        using var stillThere = await emulator.GetAsync(Network(emulator.SubnetId("vnet", "a")));
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);

        using var endpointDeleted = await emulator.SendAsync(HttpMethod.Delete, Network(emulator.EndpointId("pe1")));
        Assert.Equal(HttpStatusCode.Accepted, endpointDeleted.StatusCode);
        using var nowFree = await emulator.SendAsync(HttpMethod.Delete, Network(emulator.SubnetId("vnet", "a")));
        Assert.Equal(HttpStatusCode.Accepted, nowFree.StatusCode);
    }

    private static async Task<TestEmulator> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync(o => o.TimeScale = 0);
        await emulator.CreateGroupAsync("rg");
        return emulator;
    }
}

using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Tests.Infrastructure;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

public class RoundTripTests
{
    [Theory]
    [InlineData("Microsoft.Cache/RedisCacheGet.json", "200", typeof(RedisCache))]
    [InlineData("Microsoft.Cache/RedisCacheCreate.json", "201", typeof(RedisCache))]
    [InlineData("Microsoft.Network/PrivateEndpointGet.json", "200", typeof(PrivateEndpoint))]
    [InlineData("Microsoft.Network/VirtualNetworkCreateSubnet.json", "200", typeof(VirtualNetwork))]
    [InlineData("Microsoft.Network/PrivateEndpointDnsZoneGroupCreate.json", "200", typeof(PrivateDnsZoneGroup))]
    [InlineData("Microsoft.Network.PrivateDns/PrivateZonePut.json", "200", typeof(PrivateDnsZone))]
    [InlineData("Microsoft.Network.PrivateDns/RecordSetAPut.json", "200", typeof(ARecordSet))]
    public void ExampleSurvivesDeserializeThenSerialize(string example, string status, System.Type modelType)
    {
        var original = SharedData.ExampleResponse(example, status).GetRawText();
        var model = JsonSerializer.Deserialize(original, modelType, ArmJson.Options);
        var written = JsonSerializer.Serialize(model, modelType, ArmJson.Options);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(original), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void UnknownFieldsOfAVirtualNetworkSurviveAnEdit()
    {
        const string json = """
            {"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v","name":"v","type":"Microsoft.Network/virtualNetworks",
             "location":"eastus","etag":"W/\"1\"","futureEnvelopeField":{"a":1},
             "properties":{"addressSpace":{"addressPrefixes":["10.0.0.0/16"],"ipamPoolPrefixAllocations":[]},"enableDdosProtection":false,"dhcpOptions":{"dnsServers":["10.0.0.4"]},
               "subnets":[
                 {"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/app","name":"app",
                  "properties":{"addressPrefix":"10.0.1.0/24","networkSecurityGroup":{"id":"/nsg"},"delegations":[{"name":"d"}],"serviceEndpoints":[{"service":"Microsoft.Storage"}]}}]}}
            """;
        var network = ArmJson.Deserialize<VirtualNetwork>(json)!;
        network.Properties!.Subnets!.Add(new Subnet { Name = "pe", Properties = new SubnetProperties { AddressPrefix = "10.0.2.0/24", PrivateEndpointNetworkPolicies = "Disabled" } });

        var written = JsonNode.Parse(ArmJson.Serialize(network))!;
        Assert.Equal(1, written["futureEnvelopeField"]!["a"]!.GetValue<int>());
        Assert.Equal("10.0.0.4", written["properties"]!["dhcpOptions"]!["dnsServers"]![0]!.GetValue<string>());
        Assert.NotNull(written["properties"]!["addressSpace"]!["ipamPoolPrefixAllocations"]);
        var subnets = written["properties"]!["subnets"]!.AsArray();
        Assert.Equal(new[] { "app", "pe" }, subnets.Select(s => s!["name"]!.GetValue<string>()));
        Assert.Equal("/nsg", subnets[0]!["properties"]!["networkSecurityGroup"]!["id"]!.GetValue<string>());
        Assert.Equal("Microsoft.Storage", subnets[0]!["properties"]!["serviceEndpoints"]![0]!["service"]!.GetValue<string>());
        Assert.Equal("Disabled", subnets[1]!["properties"]!["privateEndpointNetworkPolicies"]!.GetValue<string>());
        Assert.Null(subnets[1]!["id"]);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests.Infrastructure;

/// <summary>Request bodies and ids for the scenarios the rule tests build: VNets, endpoints, zones, caches.</summary>
internal static class Bodies
{
    public const string Zone = "privatelink.redis.cache.windows.net";

    public static JsonObject Vnet(string location, string addressSpace, params (string Name, string Prefix)[] subnets) => new()
    {
        ["location"] = location,
        ["properties"] = new JsonObject
        {
            ["addressSpace"] = new JsonObject { ["addressPrefixes"] = new JsonArray(addressSpace) },
            ["subnets"] = new JsonArray(subnets.Select(s => (JsonNode)Subnet(s.Prefix, s.Name)).ToArray()),
        },
    };

    public static JsonObject Subnet(string prefix, string? name = null, string? endpointPolicies = null)
    {
        var properties = new JsonObject { ["addressPrefix"] = prefix };
        if (endpointPolicies is not null)
        {
            properties["privateEndpointNetworkPolicies"] = endpointPolicies;
        }

        var subnet = new JsonObject { ["properties"] = properties };
        if (name is not null)
        {
            subnet["name"] = name;
        }

        return subnet;
    }

    public static JsonObject Endpoint(string subnetId, string targetId, string location = "eastus", string groupId = "redisCache") => new()
    {
        ["location"] = location,
        ["properties"] = new JsonObject
        {
            ["subnet"] = new JsonObject { ["id"] = subnetId },
            ["privateLinkServiceConnections"] = new JsonArray(new JsonObject
            {
                ["name"] = "conn",
                ["properties"] = new JsonObject
                {
                    ["privateLinkServiceId"] = targetId,
                    ["groupIds"] = new JsonArray(groupId),
                },
            }),
        },
    };

    public static JsonObject ZoneGroup(string zoneId) => new()
    {
        ["properties"] = new JsonObject
        {
            ["privateDnsZoneConfigs"] = new JsonArray(new JsonObject
            {
                ["name"] = "redis",
                ["properties"] = new JsonObject { ["privateDnsZoneId"] = zoneId },
            }),
        },
    };

    public static string VnetId(this TestEmulator emulator, string vnet) =>
        $"{emulator.Group("rg")}/providers/Microsoft.Network/virtualNetworks/{vnet}";

    public static string SubnetId(this TestEmulator emulator, string vnet, string subnet) => $"{emulator.VnetId(vnet)}/subnets/{subnet}";

    public static string EndpointId(this TestEmulator emulator, string name) =>
        $"{emulator.Group("rg")}/providers/Microsoft.Network/privateEndpoints/{name}";

    public static string CacheId(this TestEmulator emulator, string name) => $"{emulator.Group("rg")}/providers/Microsoft.Cache/redis/{name}";

    public static string ZoneId(this TestEmulator emulator, string zone = Zone) =>
        $"{emulator.Group("rg")}/providers/Microsoft.Network/privateDnsZones/{zone}";

    public static string Network(string id) => $"{id}?api-version={TestApiVersions.NetworkNewer}";

    public static string Redis(string id) => $"{id}?api-version={TestApiVersions.Redis}";

    public static string Dns(string id) => $"{id}?api-version={TestApiVersions.PrivateDns}";

    /// <summary>PUTs and asserts the write was accepted, so a scenario's set-up cannot fail silently.</summary>
    public static async Task PutOkAsync(this TestEmulator emulator, string pathAndQuery, object body)
    {
        using var response = await emulator.PutAsync(pathAndQuery, body);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted,
            $"{pathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Asserts an ARM error answer and returns its message.</summary>
    public static async Task<string> AssertErrorAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {code}, got {(int)response.StatusCode} {text}");
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal(code, (string)error["code"]!);
        return (string)error["message"]!;
    }
}

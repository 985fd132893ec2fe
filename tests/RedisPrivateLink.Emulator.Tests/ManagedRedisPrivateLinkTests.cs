using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.ManagedRedis;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>
/// Private Link to a Managed Redis cluster: the redisEnterprise group, the connection an endpoint makes on the cluster,
/// approval, and the zone group's A record {name}.{region} in privatelink.redis.azure.net.
/// </summary>
public sealed class ManagedRedisPrivateLinkTests
{
    [Fact]
    public async Task AClusterOffersTheRedisEnterpriseGroupInItsZone()
    {
        await using var emulator = await StartAsync();
        var legacy = Cluster("Enterprise_E10");
        legacy["sku"]!["capacity"] = 2;
        await emulator.PutOkAsync(Amr(emulator.ClusterId("legacy1")), legacy);

        var resources = await emulator.GetOkAsync(Amr($"{emulator.ClusterId("amr1")}/privateLinkResources"));
        var legacyResources = await emulator.GetOkAsync(Amr($"{emulator.ClusterId("legacy1")}/privateLinkResources"));

        var only = Assert.Single(resources["value"]!.AsArray())!;
        Assert.Equal($"{emulator.ClusterId("amr1")}/privateLinkResources/redisEnterprise", (string)only["id"]!);
        Assert.Equal("Microsoft.Cache/redisEnterprise/privateLinkResources", (string)only["type"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(
            """{"groupId":"redisEnterprise","requiredMembers":["redisEnterprise"],"requiredZoneNames":["privatelink.redis.azure.net"]}"""),
            only["properties"]));
        Assert.Equal("privatelink.redisenterprise.cache.azure.net",
            (string)legacyResources["value"]![0]!["properties"]!["requiredZoneNames"]![0]!);
        using var missing = await emulator.GetAsync(Amr($"{emulator.ClusterId("nope")}/privateLinkResources"));
        await missing.AssertErrorAsync(HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Fact]
    public async Task AnEndpointForAClusterMustAskForTheRedisEnterpriseGroup()
    {
        await using var emulator = await StartAsync();

        using var refused = await emulator.PutAsync(Network(emulator.EndpointId("pe1")),
            Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.ClusterId("amr1")));

        var message = await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "PrivateEndpointBadRequest");
        Assert.Contains("Call to Microsoft.Cache/redisEnterprise failed", message);
        Assert.Contains("redisEnterprise", message);
        using var none = await emulator.GetAsync(Network(emulator.EndpointId("pe1")));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);

        using var classicGroupOnAmr = await emulator.PutAsync(Network(emulator.EndpointId("pe2")),
            Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.CacheId("classic1"), groupId: "redisEnterprise"));
        await classicGroupOnAmr.AssertErrorAsync(HttpStatusCode.BadRequest, "PrivateEndpointBadRequest");
    }

    [Fact]
    public async Task AnEndpointConnectsTheClusterAndItsZoneGroupWritesNameDotRegion()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Network(emulator.EndpointId("pe1")),
            Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.ClusterId("amr1"), groupId: "redisEnterprise"));
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        var cluster = await emulator.GetOkAsync(Amr(emulator.ClusterId("amr1")));
        var connection = Assert.Single(cluster["properties"]!["privateEndpointConnections"]!.AsArray())!.AsObject();
        var example = Example("RedisEnterprisePutPrivateEndpointConnection.json", "201");
        Assert.Equal(example.Select(p => p.Key).Order(), connection.Select(p => p.Key).Order());
        Assert.Equal(example["properties"]!.AsObject().Select(p => p.Key).Order(), connection["properties"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal("Microsoft.Cache/redisEnterprise/privateEndpointConnections", (string)connection["type"]!);
        Assert.StartsWith($"{emulator.ClusterId("amr1")}/privateEndpointConnections/pe1.", (string)connection["id"]!);
        Assert.Equal("Approved", (string)connection["properties"]!["privateLinkServiceConnectionState"]!["status"]!);
        Assert.Equal(emulator.EndpointId("pe1"), (string)connection["properties"]!["privateEndpoint"]!["id"]!);
        var endpoint = await emulator.GetOkAsync(Network(emulator.EndpointId("pe1")));
        var dns = Assert.Single(endpoint["properties"]!["customDnsConfigs"]!.AsArray())!;
        Assert.Equal("amr1.eastus.redis.azure.net", (string)dns["fqdn"]!);

        await emulator.PutOkAsync(Dns(emulator.ZoneId(ManagedZone)), new { location = "global" });
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        await emulator.PutOkAsync(Network($"{emulator.EndpointId("pe1")}/privateDnsZoneGroups/default"), ZoneGroup(emulator.ZoneId(ManagedZone)));
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        var record = await emulator.GetOkAsync(Dns($"{emulator.ZoneId(ManagedZone)}/A/amr1.eastus"));
        Assert.Equal("10.0.1.4", (string)record["properties"]!["aRecords"]![0]!["ipv4Address"]!);
        Assert.Equal($"amr1.eastus.{ManagedZone}.", (string)record["properties"]!["fqdn"]!);
        var group = await emulator.GetOkAsync(Network($"{emulator.EndpointId("pe1")}/privateDnsZoneGroups/default"));
        var recordSet = group["properties"]!["privateDnsZoneConfigs"]![0]!["properties"]!["recordSets"]![0]!;
        Assert.Equal("amr1.eastus", (string)recordSet["recordSetName"]!);
        Assert.Equal($"amr1.eastus.{ManagedZone}", (string)recordSet["fqdn"]!);

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Network(emulator.EndpointId("pe1")));
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        using var recordGone = await emulator.GetAsync(Dns($"{emulator.ZoneId(ManagedZone)}/A/amr1.eastus"));
        Assert.Equal(HttpStatusCode.NotFound, recordGone.StatusCode);
        Assert.Empty((await emulator.GetOkAsync(Amr(emulator.ClusterId("amr1"))))["properties"]!["privateEndpointConnections"]!.AsArray());
    }

    [Fact]
    public async Task ALegacyEnterpriseClusterGetsItsRecordInItsOwnZone()
    {
        await using var emulator = await StartAsync();
        const string LegacyZone = "privatelink.redisenterprise.cache.azure.net";
        var legacy = Cluster("Enterprise_E10");
        legacy["sku"]!["capacity"] = 2;
        await emulator.PutOkAsync(Amr(emulator.ClusterId("legacy1")), legacy);
        emulator.Clock.Advance(TimeSpan.FromMinutes(30));
        await emulator.PutOkAsync(Network(emulator.EndpointId("pe1")),
            Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.ClusterId("legacy1"), groupId: "redisEnterprise"));
        await emulator.PutOkAsync(Dns(emulator.ZoneId(LegacyZone)), new { location = "global" });
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        await emulator.PutOkAsync(Network($"{emulator.EndpointId("pe1")}/privateDnsZoneGroups/default"), ZoneGroup(emulator.ZoneId(LegacyZone)));
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        var record = await emulator.GetOkAsync(Dns($"{emulator.ZoneId(LegacyZone)}/A/legacy1.eastus"));
        Assert.Equal("10.0.1.4", (string)record["properties"]!["aRecords"]![0]!["ipv4Address"]!);
    }

    [Fact]
    public async Task AManualConnectionWaitsInPendingUntilAPutApprovesItAndADeleteRemovesIt()
    {
        await using var emulator = await StartAsync();
        var body = Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.ClusterId("amr1"), groupId: "redisEnterprise");
        var properties = body["properties"]!.AsObject();
        properties["manualPrivateLinkServiceConnections"] = properties["privateLinkServiceConnections"]!.DeepClone();
        properties.Remove("privateLinkServiceConnections");
        await emulator.PutOkAsync(Network(emulator.EndpointId("pe1")), body);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        var connections = await emulator.GetOkAsync(Amr($"{emulator.ClusterId("amr1")}/privateEndpointConnections"));
        var connection = Assert.Single(connections["value"]!.AsArray())!;
        Assert.Equal("Pending", (string)connection["properties"]!["privateLinkServiceConnectionState"]!["status"]!);
        Assert.Empty((await emulator.GetOkAsync(Network(emulator.EndpointId("pe1"))))["properties"]!["customDnsConfigs"]!.AsArray());

        var connectionPath = Amr((string)connection["id"]!);
        using var approved = await emulator.PutAsync(connectionPath,
            ExampleRequest("RedisEnterprisePutPrivateEndpointConnection.json", "properties"));

        Assert.Equal(HttpStatusCode.Created, approved.StatusCode);
        var answer = await approved.JsonAsync();
        Assert.Equal("Succeeded", answer.Text("provisioningState"));
        Assert.Equal("Approved", (string)answer["properties"]!["privateLinkServiceConnectionState"]!["status"]!);
        Assert.Equal(emulator.EndpointId("pe1"), (string)answer["properties"]!["privateEndpoint"]!["id"]!);
        var endpoint = await emulator.GetOkAsync(Network(emulator.EndpointId("pe1")));
        Assert.Equal("Approved",
            (string)endpoint["properties"]!["manualPrivateLinkServiceConnections"]![0]!["properties"]!["privateLinkServiceConnectionState"]!["status"]!);
        Assert.Single(endpoint["properties"]!["customDnsConfigs"]!.AsArray());

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, connectionPath);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty((await emulator.GetOkAsync(Amr($"{emulator.ClusterId("amr1")}/privateEndpointConnections")))["value"]!.AsArray());
    }

    /// <summary>A VNet with an endpoints subnet, a provisioned Managed Redis cluster amr1 and a classic cache classic1.</summary>
    private static async Task<TestEmulator> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        await emulator.PutOkAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("endpoints", "10.0.1.0/24")));
        await emulator.PutOkAsync(Amr(emulator.ClusterId("amr1")), Cluster());
        await emulator.PutOkAsync(Redis(emulator.CacheId("classic1")), new { location = "eastus" });
        emulator.Clock.Advance(TimeSpan.FromMinutes(30));
        return emulator;
    }
}

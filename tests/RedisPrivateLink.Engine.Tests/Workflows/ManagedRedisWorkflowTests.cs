using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Tests.Caches;
using RedisPrivateLink.Engine.Workflows;
using Xunit;
using static RedisPrivateLink.Engine.Tests.Workflows.ManagedRedisArrangement;

namespace RedisPrivateLink.Engine.Tests.Workflows;

/// <summary>Set-RedisPublicNetworkAccess, Remove- and Add-RedisPrivateEndpoint on Azure Managed Redis clusters.</summary>
public class ManagedRedisWorkflowTests
{
    [Fact]
    public async Task DisablingPublicAccessOfAClusterWithoutAnApprovedEndpointIsRefusedBeforeAnyWrite()
    {
        var arm = new InMemoryArmGateway();
        arm.Add(ClusterId, Cluster("Enabled", Connection(EndpointId("pending-pe"), "Pending")));

        var error = await Assert.ThrowsAsync<RedisPrivateLinkException>(() =>
            PublicNetworkAccessWorkflow.PrepareAsync(ContextOver(arm), ClusterId, "Disabled", force: false, noWait: false, CancellationToken.None));

        Assert.Equal(WorkflowErrorIds.CacheWouldBeUnreachable, error.ErrorId);
        Assert.Empty(arm.Writes);
    }

    [Fact]
    public async Task DisablingPublicAccessPatchesTheClusterAndOnlyThatSetting()
    {
        var arm = new InMemoryArmGateway();
        arm.Add(ClusterId, Cluster("Enabled", Connection(EndpointId("amr1-pe"), "Approved")));

        var prepared = await PublicNetworkAccessWorkflow.PrepareAsync(ContextOver(arm), ClusterId, "disabled", force: false, noWait: false, CancellationToken.None);
        var result = await PlanExecutor.RunAsync(prepared.Plan, new PlanRunOptions(), CancellationToken.None);

        Assert.Equal(StepOutcome.Updated, result[PublicNetworkAccessWorkflow.StepKey].Outcome);
        Assert.Equal(new[] { "PATCH " + ClusterId }, arm.Writes);
        var stored = arm.Stored(ClusterId)!;
        Assert.Equal("Disabled", (string?)stored["properties"]!["publicNetworkAccess"]);
        Assert.Equal("Balanced_B5", (string?)stored["sku"]!["name"]);
    }

    [Fact]
    public async Task EnablingPublicAccessWarnsThatManagedRedisHasNoFirewall()
    {
        var arm = new InMemoryArmGateway();
        arm.Add(ClusterId, Cluster("Disabled"));

        var prepared = await PublicNetworkAccessWorkflow.PrepareAsync(ContextOver(arm), ClusterId, "Enabled", force: false, noWait: false, CancellationToken.None);

        Assert.Contains(prepared.Notices, n => n.StartsWith("Azure Managed Redis has no firewall rules"));
        Assert.DoesNotContain(arm.Reads, r => r.EndsWith("/firewallRules"));
    }

    [Fact]
    public async Task AClusterStillUpdatingIsNotChanged()
    {
        var arm = new InMemoryArmGateway();
        var cluster = Cluster("Enabled", Connection(EndpointId("amr1-pe"), "Approved"));
        cluster.Properties!.ResourceState = "Updating";
        arm.Add(ClusterId, cluster);

        var error = await Assert.ThrowsAsync<RedisPrivateLinkException>(() =>
            PublicNetworkAccessWorkflow.PrepareAsync(ContextOver(arm), ClusterId, "Disabled", force: false, noWait: false, CancellationToken.None));

        Assert.Equal(WorkflowErrorIds.CacheNotReady, error.ErrorId);
        Assert.Contains("resource state Updating", error.Message);
    }

    [Fact]
    public async Task TheLastApprovedEndpointOfAClosedClusterStays()
    {
        var arm = ArrangeOneEndpoint("Disabled");

        var error = await Assert.ThrowsAsync<RedisPrivateLinkException>(() =>
            RemovePrivateEndpointWorkflow.PrepareAsync(ContextOver(arm), EndpointId("amr1-pe"), force: false, removeDnsZoneLink: false, CancellationToken.None));

        Assert.Equal(WorkflowErrorIds.LastPrivateEndpoint, error.ErrorId);
        Assert.Empty(arm.Writes);
    }

    [Fact]
    public async Task ALegacyClusterOpensRatherThanGoingDarkWhenItsLastEndpointGoes()
    {
        var arm = ArrangeOneEndpoint(publicNetworkAccess: null);

        var prepared = await RemovePrivateEndpointWorkflow.PrepareAsync(ContextOver(arm), EndpointId("amr1-pe"), force: false, removeDnsZoneLink: false, CancellationToken.None);

        Assert.Equal(ClusterId, prepared.CacheId.ToString());
        Assert.Contains(prepared.Plan.Steps, s => s.Key == StepKeys.PrivateEndpoint);
    }

    [Fact]
    public async Task AnEndpointForAClusterUsesTheGroupIdAndZoneTheClusterReports()
    {
        var arm = new InMemoryArmGateway();
        AddSubnet(arm);
        arm.Add(ClusterId, Cluster("Disabled"));
        arm.AddCollection(ClusterId + "/privateLinkResources", new PrivateLinkResource
        {
            Name = "redisEnterprise",
            Properties = new PrivateLinkResourceProperties { GroupId = "redisEnterprise", RequiredZoneNames = new List<string> { "privatelink.redis.azure.net" } },
        });

        var prepared = await AddPrivateEndpointWorkflow.PrepareAsync(ContextOver(arm), new AddPrivateEndpointRequest { CacheId = ClusterId, SubnetId = SubnetId, Name = "amr1-pe" }, CancellationToken.None);
        await PlanExecutor.RunAsync(prepared.Plan, new PlanRunOptions(), CancellationToken.None);

        var zoneId = Group + "/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net";
        Assert.Equal(new[]
        {
            "PUT " + zoneId,
            "PUT " + zoneId + "/virtualNetworkLinks/vnet-link",
            "PUT " + EndpointId("amr1-pe"),
            "PUT " + EndpointId("amr1-pe") + "/privateDnsZoneGroups/default",
        }, arm.Writes);
        var connection = arm.Stored(EndpointId("amr1-pe"))!["properties"]!["privateLinkServiceConnections"]![0]!["properties"]!;
        Assert.Equal((ClusterId, "redisEnterprise"), ((string?)connection["privateLinkServiceId"], (string?)connection["groupIds"]![0]));
        var config = arm.Stored(EndpointId("amr1-pe") + "/privateDnsZoneGroups/default")!["properties"]!["privateDnsZoneConfigs"]![0]!["properties"]!;
        Assert.Equal(zoneId, (string?)config["privateDnsZoneId"]);
    }

    [Fact]
    public async Task AnEndpointNoticesTheClustersRecordAnotherEndpointAlreadyHolds()
    {
        var arm = new InMemoryArmGateway();
        AddSubnet(arm);
        arm.Add(ClusterId, Cluster("Disabled"));
        var zoneId = Group + "/providers/Microsoft.Network/privateDnsZones/privatelink.redis.azure.net";
        arm.Add(zoneId, new PrivateDnsZone { Id = zoneId, Name = "privatelink.redis.azure.net", Location = "global" });
        arm.Add(zoneId + "/A/amr1.eastus", new ARecordSet { Properties = new ARecordSetProperties { ARecords = new List<ARecord> { new() { Ipv4Address = "10.9.0.4" } } } });

        var prepared = await AddPrivateEndpointWorkflow.PrepareAsync(ContextOver(arm), new AddPrivateEndpointRequest { CacheId = ClusterId, SubnetId = SubnetId }, CancellationToken.None);

        Assert.Contains(prepared.Notices, n => n.Contains("already resolves 'amr1.eastus' to 10.9.0.4"));
    }

    [Fact]
    public async Task APendingConnectionOfAClusterIsApprovedOnTheCluster()
    {
        var arm = new InMemoryArmGateway();
        var connection = Connection(EndpointId("manual-pe"), "Pending");
        arm.Add(ClusterId, Cluster("Disabled", connection));

        var prepared = await EndpointConnectionWorkflow.PrepareAsync(ContextOver(arm), ClusterId, connection.Name!, approve: true, "ok", CancellationToken.None);
        await PlanExecutor.RunAsync(prepared.Plan, new PlanRunOptions(), CancellationToken.None);

        Assert.Equal(new[] { "PUT " + connection.Id }, arm.Writes);
        Assert.Equal("Approved", (string?)arm.Stored(connection.Id!)!["properties"]!["privateLinkServiceConnectionState"]!["status"]);
    }

    private static InMemoryArmGateway ArrangeOneEndpoint(string? publicNetworkAccess)
    {
        var arm = new InMemoryArmGateway();
        var endpointId = EndpointId("amr1-pe");
        arm.Add(ClusterId, Cluster(publicNetworkAccess, Connection(endpointId, "Approved")));
        arm.Add(endpointId, Endpoint("amr1-pe", ClusterId, "10.0.1.4"));
        return arm;
    }
}

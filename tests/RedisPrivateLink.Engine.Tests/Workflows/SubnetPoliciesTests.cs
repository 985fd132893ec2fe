using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Tests.Caches;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;
using Xunit;
using static RedisPrivateLink.Engine.Tests.Workflows.ManagedRedisArrangement;

namespace RedisPrivateLink.Engine.Tests.Workflows;

/// <summary>
/// Private endpoint network policies: the body of a subnet the module creates carries them only when asked,
/// so Azure's default applies otherwise, and an existing subnet is never written to change them. The in-memory ARM
/// stores bodies as sent, which is what these tests read.
/// </summary>
public class SubnetPoliciesTests
{
    private const string AddedSubnetId = VirtualNetworkId + "/subnets/pe";
    private const string NewNetworkId = Group + "/providers/Microsoft.Network/virtualNetworks/vnet2";

    [Fact]
    public async Task ASubnetAddedWithoutAPolicySendsNoneSoAzuresDefaultApplies()
    {
        var arm = ArrangeClusterAndNetwork();

        await RunAddAsync(arm, AddSubnetRequest(policy: null));

        Assert.Contains("PUT " + AddedSubnetId, arm.Writes);
        var sent = (JsonObject)arm.Stored(AddedSubnetId)!["properties"]!;
        Assert.False(sent.ContainsKey("privateEndpointNetworkPolicies"), sent.ToJsonString());
    }

    [Fact]
    public async Task ANewNetworkWithoutAPolicySendsItsSubnetWithNone()
    {
        var arm = ArrangeClusterAndNetwork();

        await RunAddAsync(arm, NewNetworkRequest(policy: null));

        var sent = (JsonObject)arm.Stored(NewNetworkId)!["properties"]!["subnets"]![0]!["properties"]!;
        Assert.False(sent.ContainsKey("privateEndpointNetworkPolicies"), sent.ToJsonString());
    }

    [Theory]
    [InlineData("Enabled", "Enabled")]
    [InlineData("NetworkSecurityGroupEnabled", "NetworkSecurityGroupEnabled")]
    [InlineData("routetableenabled", "RouteTableEnabled")]
    [InlineData("Disabled", "Disabled")]
    public async Task TheAskedPolicyIsSentInItsCanonicalSpellingOnAnAddedSubnetAndOnANewNetworksSubnet(string asked, string sent)
    {
        var arm = ArrangeClusterAndNetwork();

        await RunAddAsync(arm, AddSubnetRequest(asked));
        await RunAddAsync(arm, NewNetworkRequest(asked));

        Assert.Equal(sent, (string?)arm.Stored(AddedSubnetId)!["properties"]!["privateEndpointNetworkPolicies"]);
        Assert.Equal(sent, (string?)arm.Stored(NewNetworkId)!["properties"]!["subnets"]![0]!["properties"]!["privateEndpointNetworkPolicies"]);
    }

    [Fact]
    public async Task AnExistingSubnetWithPoliciesEnabledIsUsedWithoutAnyWriteToIt()
    {
        var arm = ArrangeClusterAndNetwork(existingSubnetPolicies: "Enabled");

        var prepared = await AddPrivateEndpointWorkflow.PrepareAsync(ContextOver(arm), new AddPrivateEndpointRequest { CacheId = ClusterId, SubnetId = SubnetId, Name = "amr1-pe" }, CancellationToken.None);
        await PlanExecutor.RunAsync(prepared.Plan, new PlanRunOptions(), CancellationToken.None);

        Assert.DoesNotContain(prepared.Plan.Steps, step => step.Key == StepKeys.Network);
        Assert.DoesNotContain(arm.Writes, write => write.Contains("/virtualNetworks/", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("PUT " + EndpointId("amr1-pe"), arm.Writes);
        Assert.Equal("Enabled", (string?)arm.Stored(SubnetId)!["properties"]!["privateEndpointNetworkPolicies"]);
    }

    [Fact]
    public async Task AnExistingSubnetByNameKeepsItsPoliciesAndTheNoticeSaysTheAskedOnesAreNotApplied()
    {
        var arm = ArrangeClusterAndNetwork(existingSubnetPolicies: "Enabled");
        var request = new AddPrivateEndpointRequest
        {
            CacheId = ClusterId, VirtualNetworkName = "vnet", VirtualNetworkResourceGroupName = "rg", SubnetName = "endpoints",
            PrivateEndpointNetworkPolicy = "Disabled", Name = "amr1-pe",
        };

        var prepared = await AddPrivateEndpointWorkflow.PrepareAsync(ContextOver(arm), request, CancellationToken.None);
        await PlanExecutor.RunAsync(prepared.Plan, new PlanRunOptions(), CancellationToken.None);

        Assert.Contains(prepared.Notices, n => n.Contains("exists with private endpoint network policies Enabled; it is reused as it is, and -PrivateEndpointNetworkPolicy Disabled is not applied", StringComparison.Ordinal));
        Assert.DoesNotContain(arm.Writes, write => write.Contains("/virtualNetworks/", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Enabled", (string?)arm.Stored(SubnetId)!["properties"]!["privateEndpointNetworkPolicies"]);
    }

    [Fact]
    public async Task APolicyOutsideAzuresValuesIsRefusedBeforeAnyWrite()
    {
        var arm = ArrangeClusterAndNetwork();

        var error = await Assert.ThrowsAsync<ValidationException>(() => AddPrivateEndpointWorkflow.PrepareAsync(ContextOver(arm), AddSubnetRequest("NSGEnabled"), CancellationToken.None));

        Assert.Equal(ValidationErrorIds.InvalidPrivateEndpointNetworkPolicy, error.ErrorId);
        Assert.Equal("PrivateEndpointNetworkPolicy", error.ParameterName);
        Assert.Contains("Disabled, Enabled, NetworkSecurityGroupEnabled, RouteTableEnabled", error.Message);
        Assert.Empty(arm.Writes);
    }

    [Fact]
    public async Task APolicyWithASubnetIdIsRefusedAsConflictingBecauseAnExistingSubnetIsNeverChanged()
    {
        var arm = ArrangeClusterAndNetwork();
        var request = new AddPrivateEndpointRequest { CacheId = ClusterId, SubnetId = SubnetId, PrivateEndpointNetworkPolicy = "Enabled" };

        var error = await Assert.ThrowsAsync<ValidationException>(() => AddPrivateEndpointWorkflow.PrepareAsync(ContextOver(arm), request, CancellationToken.None));

        Assert.Equal(WorkflowErrorIds.ConflictingNetworkParameters, error.ErrorId);
        Assert.Contains("-PrivateEndpointNetworkPolicy", error.Message);
        Assert.Empty(arm.Writes);
    }

    private static InMemoryArmGateway ArrangeClusterAndNetwork(string existingSubnetPolicies = "Disabled")
    {
        var arm = new InMemoryArmGateway();
        AddSubnet(arm, existingSubnetPolicies);
        arm.Add(ClusterId, Cluster("Disabled"));
        return arm;
    }

    private static AddPrivateEndpointRequest AddSubnetRequest(string? policy) => new()
    {
        CacheId = ClusterId, VirtualNetworkName = "vnet", VirtualNetworkResourceGroupName = "rg", SubnetName = "pe", SubnetPrefix = "10.0.2.0/24",
        PrivateEndpointNetworkPolicy = policy, Name = "amr1-pe-added",
    };

    private static AddPrivateEndpointRequest NewNetworkRequest(string? policy) => new()
    {
        CacheId = ClusterId, VirtualNetworkName = "vnet2", VirtualNetworkResourceGroupName = "rg", AddressPrefix = new[] { "10.2.0.0/16" },
        SubnetName = "pe", SubnetPrefix = "10.2.1.0/24", PrivateEndpointNetworkPolicy = policy, Name = "amr1-pe-new",
    };

    private static async Task RunAddAsync(InMemoryArmGateway arm, AddPrivateEndpointRequest request)
    {
        var prepared = await AddPrivateEndpointWorkflow.PrepareAsync(ContextOver(arm), request, CancellationToken.None);
        Assert.Single(prepared.Plan.Steps, step => step.Key == StepKeys.Network);
        await PlanExecutor.RunAsync(prepared.Plan, new PlanRunOptions(), CancellationToken.None);
    }
}

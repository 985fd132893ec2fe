using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>New-RedisPrivateCache with networks and zones that already exist, and after a failed cache create.</summary>
public sealed class NewPrivateCacheNetworkTests
{
    [Fact]
    public async Task AZoneInAHubResourceGroupIsLinkedAndUsedButNotCreated()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync("rg-hub");
        await scenario.Arm.PutAsync(scenario.ZoneId("rg-hub"), new PrivateDnsZone { Location = "global" });
        var request = WorkflowScenario.NewCache();
        request.PrivateDnsZoneResourceGroupName = "rg-hub";

        var prepared = await scenario.PrepareAsync(request);
        await WorkflowScenario.RunAsync(prepared);

        Assert.DoesNotContain(prepared.Plan.Steps, step => step.Key == StepKeys.PrivateDnsZone);
        Assert.Null(await scenario.Arm.GetAsync<PrivateDnsZone>(scenario.ZoneId()));
        Assert.Single(await scenario.Arm.ListAsync<VirtualNetworkLink>(scenario.ZoneId("rg-hub") + "/virtualNetworkLinks"));
        Assert.NotNull(await scenario.Arm.GetAsync<ARecordSet>(scenario.ZoneId("rg-hub").Child("A", "cache1")));
    }

    [Fact]
    public async Task AnExistingSubnetInAnotherRegionGetsACrossRegionEndpoint()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync("rg-west", "westus");
        await scenario.Arm.PutAsync(scenario.VnetId("vnet-west", "rg-west"), new VirtualNetwork
        {
            Location = "westus",
            Properties = new VirtualNetworkProperties
            {
                AddressSpace = new AddressSpace { AddressPrefixes = new List<string> { "10.8.0.0/16" } },
                Subnets = new List<Subnet> { new() { Name = "endpoints", Properties = new SubnetProperties { AddressPrefix = "10.8.0.0/24" } } },
            },
        });
        var request = WorkflowScenario.NewCache();
        request.VirtualNetworkName = request.SubnetName = request.SubnetPrefix = null;
        request.AddressPrefix = null;
        request.SubnetId = scenario.SubnetId("vnet-west", "endpoints", "rg-west").ToString();

        var prepared = await scenario.PrepareAsync(request);
        await WorkflowScenario.RunAsync(prepared);

        Assert.Contains(prepared.Notices, n => n.Contains("cross-region", StringComparison.Ordinal));
        Assert.DoesNotContain(prepared.Plan.Steps, step => step.Key == StepKeys.Network);
        var endpoint = await scenario.RequireAsync<PrivateEndpoint>(scenario.EndpointId());
        Assert.Equal("westus", endpoint.Location);
        Assert.Equal("10.8.0.4", await scenario.EndpointAddressAsync(scenario.EndpointId()));
    }

    [Fact]
    public async Task ARerunAfterTheCacheCreateFailedSendsTheCreateAgainAndConverges()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.Control.FailOperationAsync("PUT", "*/redis/cache1");

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => scenario.CreateAsync(WorkflowScenario.NewCache()));

        Assert.Equal(StepKeys.Cache, failure.FailedStep.Key);
        Assert.Equal(WorkflowErrorIds.CacheProvisioningFailed, Assert.IsType<Engine.RedisPrivateLinkException>(failure.InnerException).ErrorId);

        var result = await scenario.CreateAsync(WorkflowScenario.NewCache());

        Assert.Equal(StepOutcome.Updated, result[StepKeys.Cache].Outcome);
        Assert.Equal(StepOutcome.Created, result[StepKeys.PrivateEndpoint].Outcome);
        Assert.Equal("Succeeded", (await scenario.RequireAsync<RedisCache>(scenario.CacheId())).Properties!.ProvisioningState);
    }

    [Fact]
    public async Task ARerunDescribesEveryStepAsUsingWhatExists()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());

        var prepared = await scenario.PrepareAsync(WorkflowScenario.NewCache());

        Assert.All(prepared.Plan.Steps, step => Assert.Equal("Use", step.Action));
        Assert.All(prepared.Plan.Steps, step => Assert.True(ResourceId.TryParse(step.Target, out _), step.Target));
    }
}

using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// -PrivateDnsZoneGroupByPolicy: no zone, link or zone group from the plan; the emulator's DeployIfNotExists adds the
/// zone group, which the plan waits for and checks, or stops with PolicyZoneGroupNotDeployed when none comes.
/// </summary>
public sealed class PolicyZoneGroupWorkflowTests
{
    private const string Hub = "rg-hub";

    [Fact]
    public async Task NewWithThePolicysZoneGroupCreatesNoDnsAndEndsResolvedThroughTheHubZone()
    {
        await using var scenario = await StartWithHubZoneAsync();
        await scenario.Control.AssignPolicyAsync("dine", new { effect = "DeployIfNotExists", groupId = "redisCache", privateDnsZoneId = scenario.ZoneId(Hub).ToString() });
        var request = WorkflowScenario.NewCache();
        request.PrivateDnsZoneGroupByPolicy = true;

        var prepared = await scenario.PrepareAsync(request);
        var result = await WorkflowScenario.RunAsync(prepared);

        Assert.DoesNotContain(prepared.Plan.Steps, s => s.Key is StepKeys.PrivateDnsZone or StepKeys.ZoneLink);
        Assert.Contains("deployedByPolicy", result.Steps.Single(s => s.Key == StepKeys.DnsZoneGroup).Message, StringComparison.Ordinal);
        Assert.Null(await scenario.Arm.GetAsync<PrivateDnsZone>(scenario.ZoneId()));
        var group = await scenario.RequireAsync<PrivateDnsZoneGroup>(scenario.EndpointId().Child("privateDnsZoneGroups", "deployedByPolicy"));
        Assert.Equal(scenario.ZoneId(Hub).ToString(), group.Properties!.PrivateDnsZoneConfigs![0].Properties!.PrivateDnsZoneId);
        var record = await scenario.RequireAsync<ARecordSet>(scenario.ZoneId(Hub).Child("A", "cache1"));
        Assert.Equal(await scenario.EndpointAddressAsync(scenario.EndpointId()), record.Properties!.ARecords![0].Ipv4Address);
    }

    [Fact]
    public async Task WithoutThePolicyTheWaitEndsWithPolicyZoneGroupNotDeployedAndARerunWaitsAgain()
    {
        await using var scenario = await StartWithHubZoneAsync();
        var request = WorkflowScenario.NewCache();
        request.PrivateDnsZoneGroupByPolicy = true;

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(async () => await WorkflowScenario.RunAsync(await scenario.PrepareAsync(request)));

        Assert.Equal(StepKeys.DnsZoneGroup, failure.FailedStep.Key);
        Assert.Equal(WorkflowErrorIds.PolicyZoneGroupNotDeployed, Assert.IsType<RedisPrivateLinkException>(failure.InnerException).ErrorId);
        Assert.NotNull(await scenario.Arm.GetAsync<PrivateEndpoint>(scenario.EndpointId()));

        await scenario.Control.AssignPolicyAsync("dine", new { effect = "DeployIfNotExists", groupId = "redisCache", privateDnsZoneId = scenario.ZoneId(Hub).ToString(), delaySeconds = 0 });
        var rerun = await scenario.PrepareAsync(request);
        var again = await Assert.ThrowsAsync<PlanStepFailedException>(() => WorkflowScenario.RunAsync(rerun));
        // The policy acts on endpoints that succeed after its assignment, as Azure's does; an older one needs a remediation task.
        Assert.Equal(WorkflowErrorIds.PolicyZoneGroupNotDeployed, Assert.IsType<RedisPrivateLinkException>(again.InnerException).ErrorId);
    }

    [Theory]
    [InlineData("PrivateDnsZoneId")]
    [InlineData("PrivateDnsZoneResourceGroupName")]
    [InlineData("ResolutionPolicy")]
    public async Task AParameterThatChoosesAZoneIsRefusedWithTheSwitchBeforeAnyRequest(string parameter)
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.Control.ClearRequestsAsync();
        var request = WorkflowScenario.NewCache();
        request.PrivateDnsZoneGroupByPolicy = true;
        _ = parameter switch
        {
            "PrivateDnsZoneId" => request.PrivateDnsZoneId = scenario.ZoneId(Hub).ToString(),
            "PrivateDnsZoneResourceGroupName" => request.PrivateDnsZoneResourceGroupName = Hub,
            _ => request.ResolutionPolicy = "NxDomainRedirect",
        };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => scenario.PrepareAsync(request));

        Assert.Equal(WorkflowErrorIds.PrivateDnsZoneGroupByPolicyConflict, refused.ErrorId);
        Assert.Equal(parameter, refused.ParameterName);
        Assert.Empty(await scenario.Control.RequestsAsync());
    }

    private static async Task<WorkflowScenario> StartWithHubZoneAsync()
    {
        var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync(Hub);
        await scenario.Arm.PutAsync(scenario.ZoneId(Hub), new PrivateDnsZone { Location = "global" });
        return scenario;
    }
}

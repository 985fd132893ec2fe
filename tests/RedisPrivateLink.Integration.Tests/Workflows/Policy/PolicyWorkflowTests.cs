using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// Azure Policy against the emulator's assignments: ARM's 403 RequestDisallowedByPolicy becomes the module's error
/// naming the policy and what it requires, and the pre-check refuses a plan a deny would stop before anything is written.
/// </summary>
public sealed class PolicyWorkflowTests
{
    private const string CheckPath = "/providers/Microsoft.PolicyInsights/checkPolicyRestrictions";

    [Fact]
    public async Task ArmsPolicyRefusalNamesTheAssignmentTheDefinitionAndWhatItRequiresAndIsSentOnce()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync(WorkflowScenario.Group);
        await scenario.Control.AssignPolicyAsync("dns-tags", new
        {
            displayName = "Private DNS zones carry a cost center",
            policyDefinitionDisplayName = "Require a tag on resources",
            policyDefinitionId = "/providers/Microsoft.Authorization/policyDefinitions/871b6d14-10aa-478d-b590-94f262ecfa99",
            effect = "Deny",
            resourceType = "Microsoft.Network/privateDnsZones",
            requiredTag = "costCenter",
        });
        await scenario.Control.ClearRequestsAsync();

        var refused = await Assert.ThrowsAsync<RedisPrivateLinkException>(() =>
            scenario.Arm.PutAsync(scenario.ZoneId(), new PrivateDnsZone { Location = "global" }));

        Assert.Equal(ArmErrorIds.RequestDisallowedByPolicy, refused.ErrorId);
        Assert.Contains("policy assignment 'Private DNS zones carry a cost center' (/subscriptions/", refused.Message, StringComparison.Ordinal);
        Assert.Contains("policy definition 'Require a tag on resources' (/providers/Microsoft.Authorization/policyDefinitions/871b6d14-10aa-478d-b590-94f262ecfa99)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("which requires tags[costCenter] to be set", refused.Message, StringComparison.Ordinal);
        Assert.Equal(403, Assert.IsType<ArmException>(refused.InnerException).Status);
        Assert.Single(await scenario.Control.WritesAsync());
    }

    [Fact]
    public async Task APlanWhoseZoneADenyRefusesStopsBeforeAnyWriteAndSuggestsThePolicysZoneGroup()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.Control.AssignPolicyAsync("no-dns", new { displayName = "Deny private DNS zones in application subscriptions", effect = "Deny", resourceType = "Microsoft.Network/privateDnsZones" });
        var prepared = await scenario.PrepareAsync(WorkflowScenario.NewCache());
        await scenario.Control.ClearRequestsAsync();

        var refused = await Assert.ThrowsAsync<RedisPrivateLinkException>(() =>
            PolicyRestrictionCheck.RequireAllowedAsync(scenario.Arm, prepared.Plan, _ => true, CancellationToken.None));

        Assert.Equal(ArmErrorIds.RequestDisallowedByPolicy, refused.ErrorId);
        Assert.Contains($"privateDnsZones '{WorkflowScenario.Zone}' in '{WorkflowScenario.Group}'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("/policyAssignments/no-dns", refused.Message, StringComparison.Ordinal);
        Assert.Contains("no resource of type 'Microsoft.Network/privateDnsZones' in its scope", refused.Message, StringComparison.Ordinal);
        Assert.Contains("-PrivateDnsZoneGroupByPolicy", refused.Message, StringComparison.Ordinal);
        var requests = await scenario.Control.RequestsAsync();
        Assert.DoesNotContain(requests, r => EmulatorControl.IsWrite(r) && !r.Path.EndsWith(CheckPath, StringComparison.OrdinalIgnoreCase));
        // The group does not exist yet: each resource is asked about at the subscription after one 404 at the group.
        Assert.Contains(requests, r => r.Path == $"/subscriptions/{scenario.Subscription}{CheckPath}" && r.Status == 200);
    }

    [Fact]
    public async Task ADenyInTheGroupOnPublicAccessRefusesTheCacheButNotTheRest()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync(WorkflowScenario.Group);
        await scenario.Control.AssignPolicyAsync("public-off", new
        {
            scope = $"/subscriptions/{scenario.Subscription}/resourceGroups/{WorkflowScenario.Group}",
            effect = "Deny", resourceType = "Microsoft.Cache/redis", field = "properties.publicNetworkAccess", notEquals = "Disabled",
        });
        var request = WorkflowScenario.NewCache();
        request.PublicNetworkAccess = "Enabled";
        var prepared = await scenario.PrepareAsync(request);
        var allowed = await scenario.PrepareAsync(WorkflowScenario.NewCache("cache2"));

        var refused = await Assert.ThrowsAsync<RedisPrivateLinkException>(() =>
            PolicyRestrictionCheck.RequireAllowedAsync(scenario.Arm, prepared.Plan, _ => true, CancellationToken.None));
        await PolicyRestrictionCheck.RequireAllowedAsync(scenario.Arm, allowed.Plan, _ => true, CancellationToken.None);

        Assert.Contains("redis 'cache1'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("properties.publicNetworkAccess to be 'Disabled' (the request has 'Enabled')", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("-PrivateDnsZoneGroupByPolicy", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArmsRefusalOfTheZoneWhenThePreCheckDidNotRunAlsoSuggestsThePolicysZoneGroup()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.Control.AssignPolicyAsync("no-dns", new { effect = "Deny", resourceType = "Microsoft.Network/privateDnsZones" });

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => scenario.CreateAsync(WorkflowScenario.NewCache()));

        Assert.Equal(StepKeys.PrivateDnsZone, failure.FailedStep.Key);
        var refused = Assert.IsType<RedisPrivateLinkException>(failure.InnerException);
        Assert.Equal(ArmErrorIds.RequestDisallowedByPolicy, refused.ErrorId);
        Assert.Contains("-PrivateDnsZoneGroupByPolicy", refused.Message, StringComparison.Ordinal);
        Assert.Equal(403, Assert.IsType<ArmException>(refused.InnerException).Status);
    }

    [Fact]
    public async Task AnAllowedAnswerIsRememberedForTheContextSoTheSamePlanAsksNothingTheSecondTime()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync(WorkflowScenario.Group);
        var prepared = await scenario.PrepareAsync(WorkflowScenario.NewCache());
        await scenario.Control.ClearRequestsAsync();

        await PolicyRestrictionCheck.RequireAllowedAsync(scenario.Arm, prepared.Plan, _ => true, CancellationToken.None);
        var first = (await scenario.Control.RequestsAsync()).Count(r => r.Path.EndsWith(CheckPath, StringComparison.OrdinalIgnoreCase));
        await scenario.Control.ClearRequestsAsync();
        await PolicyRestrictionCheck.RequireAllowedAsync(scenario.Arm, prepared.Plan, _ => true, CancellationToken.None);

        Assert.Equal(prepared.Plan.Steps.Count(s => s.Writes is not null), first);
        Assert.Empty(await scenario.Control.RequestsAsync());
    }

    [Fact]
    public async Task StepsThatWillNotRunAreNotAskedAbout()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.Control.AssignPolicyAsync("no-dns", new { effect = "Deny", resourceType = "Microsoft.Network/privateDnsZones" });
        var prepared = await scenario.PrepareAsync(WorkflowScenario.NewCache());
        await scenario.Control.ClearRequestsAsync();

        await PolicyRestrictionCheck.RequireAllowedAsync(scenario.Arm, prepared.Plan, _ => false, CancellationToken.None);

        Assert.Empty(await scenario.Control.RequestsAsync());
    }
}

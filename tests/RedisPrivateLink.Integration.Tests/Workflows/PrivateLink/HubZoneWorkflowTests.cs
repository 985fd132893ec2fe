using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.WorkflowRefusals;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// A VNet already linked to the hub's zone of the cache's zone name (a VNet takes one zone of a name) registers the
/// cache there, with no new zone and no new link; and -ResolutionPolicy on a link the plan creates.
/// </summary>
public sealed class HubZoneWorkflowTests
{
    private const string HubGroup = "rg-hub";

    [Fact]
    public async Task NewUsesTheZoneTheVnetIsAlreadyLinkedToAndCreatesNoZoneNorLink()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateNetworkAsync("vnet1", WorkflowScenario.Group, "10.0.0.0/16", ("endpoints", "10.0.1.0/24", "Disabled"));
        await LinkHubZoneAsync(scenario, scenario.VnetId("vnet1"));
        await scenario.Control.ClearRequestsAsync();

        var request = WorkflowScenario.NewCache();
        request.ResolutionPolicy = "NxDomainRedirect";
        var prepared = await scenario.PrepareAsync(request);
        var result = await WorkflowScenario.RunAsync(prepared);

        Assert.DoesNotContain(result.Steps, step => step.Key == StepKeys.PrivateDnsZone);
        Assert.Equal(StepOutcome.Reused, result[StepKeys.ZoneLink].Outcome);
        Assert.Contains($"in resource group '{HubGroup}': it is already linked to vnet1 (link 'hub-link')", result[StepKeys.ZoneLink].Step.Description, StringComparison.Ordinal);
        await AssertNoZoneNorLinkWrittenAsync(scenario);
        Assert.Null(await scenario.Arm.GetAsync<PrivateDnsZone>(scenario.ZoneId()));
        var record = await scenario.RequireAsync<ARecordSet>(scenario.ZoneId(HubGroup).Child("A", "cache1"));
        Assert.Equal(await scenario.EndpointAddressAsync(scenario.EndpointId()), Assert.Single(record.Properties!.ARecords!).Ipv4Address);

        // The hub's link is used as it is: -ResolutionPolicy applies to a link the plan creates, and none is, so no warning.
        var hubLink = await scenario.RequireAsync<VirtualNetworkLink>(scenario.ZoneId(HubGroup).Child("virtualNetworkLinks", "hub-link"));
        Assert.Equal("Default", hubLink.Properties!.ResolutionPolicy);
        Assert.DoesNotContain(prepared.Notices, n => n.Contains("NXDOMAIN", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddUsesTheZoneTheSpokeIsAlreadyLinkedTo()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        await scenario.CreateNetworkAsync("vnet-spoke", "rg-spoke", "10.1.0.0/16", ("endpoints", "10.1.0.0/24", "Disabled"));
        await LinkHubZoneAsync(scenario, scenario.VnetId("vnet-spoke", "rg-spoke"));
        await scenario.Control.ClearRequestsAsync();

        var result = await WorkflowScenario.RunAsync(await scenario.PrepareAsync(new AddPrivateEndpointRequest
        {
            CacheId = scenario.CacheId().ToString(),
            SubnetId = scenario.SubnetId("vnet-spoke", "endpoints", "rg-spoke").ToString(),
        }));

        Assert.Equal(StepOutcome.Reused, result[StepKeys.ZoneLink].Outcome);
        await AssertNoZoneNorLinkWrittenAsync(scenario);
        var endpointId = scenario.EndpointId("cache1-pe-vnet-spoke", "rg-spoke");
        var record = await scenario.RequireAsync<ARecordSet>(scenario.ZoneId(HubGroup).Child("A", "cache1"));
        Assert.Equal(await scenario.EndpointAddressAsync(endpointId), Assert.Single(record.Properties!.ARecords!).Ipv4Address);
        var links = await scenario.Arm.ListAsync<VirtualNetworkLink>(scenario.ZoneId() + "/virtualNetworkLinks");
        Assert.Equal(new[] { "vnet1-link" }, links.Select(l => l.Name));
    }

    /// <summary>The zones, or the links of a zone of the name, cannot be read: whether the VNet is linked is unknown.</summary>
    [Theory]
    [InlineData("/subscriptions/*/providers/Microsoft.Network/privateDnsZones")]
    [InlineData("*/resourceGroups/rg-hub/providers/Microsoft.Network/privateDnsZones/*/virtualNetworkLinks")]
    public async Task AZoneTheCallerCannotReadIsRefusedBeforeAnyWrite(string deniedPath)
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateNetworkAsync("vnet1", WorkflowScenario.Group, "10.0.0.0/16", ("endpoints", "10.0.1.0/24", "Disabled"));
        await LinkHubZoneAsync(scenario, scenario.VnetId("vnet1"));
        await scenario.Control.AddFaultAsync(new { method = "GET", pathPattern = deniedPath, kind = "status", status = 403, code = "AuthorizationFailed", message = "The client does not have authorization to perform action.", count = 1 });

        var error = await AssertRefusedAsync(scenario, WorkflowScenario.NewCache(), WorkflowErrorIds.PrivateDnsZoneNotReadable);

        Assert.Contains("-PrivateDnsZoneId", error.Message, StringComparison.Ordinal);
        Assert.Contains(WorkflowScenario.Zone, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A zone the module did not see (here: linked after preparation, as one in a subscription it cannot list would be):
    /// Azure's refusal of the link names -PrivateDnsZoneId.
    /// </summary>
    [Fact]
    public async Task AzuresRefusalOfASecondSameNamedZoneNamesPrivateDnsZoneId()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateNetworkAsync("vnet1", WorkflowScenario.Group, "10.0.0.0/16", ("endpoints", "10.0.1.0/24", "Disabled"));
        var prepared = await scenario.PrepareAsync(WorkflowScenario.NewCache());
        await LinkHubZoneAsync(scenario, scenario.VnetId("vnet1"));

        var error = await Assert.ThrowsAsync<PlanStepFailedException>(() => WorkflowScenario.RunAsync(prepared));

        Assert.Equal(StepKeys.ZoneLink, error.FailedStep.Key);
        var refusal = Assert.IsType<RedisPrivateLinkException>(error.InnerException);
        Assert.Equal(WorkflowErrorIds.VirtualNetworkLinkedToOtherZone, refusal.ErrorId);
        Assert.Contains("-PrivateDnsZoneId", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NxDomainRedirect", "NxDomainRedirect", false)]
    [InlineData(null, "Default", true)]
    public async Task ALinkThePlanCreatesCarriesTheResolutionPolicyAndWarnsWithoutFallback(string? policy, string expected, bool warned)
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = WorkflowScenario.NewCache();
        request.ResolutionPolicy = policy;

        var prepared = await scenario.PrepareAsync(request);
        await WorkflowScenario.RunAsync(prepared);

        var link = await scenario.RequireAsync<VirtualNetworkLink>(scenario.ZoneId().Child("virtualNetworkLinks", "vnet1-link"));
        Assert.Equal(expected, link.Properties!.ResolutionPolicy);
        Assert.Equal(warned, prepared.Notices.Any(n => n.Contains("NXDOMAIN", StringComparison.Ordinal) && n.Contains("-ResolutionPolicy NxDomainRedirect", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnExistingLinkKeepsItsResolutionPolicy()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        await scenario.Control.ClearRequestsAsync();
        var request = WorkflowScenario.NewCache();
        request.ResolutionPolicy = "NxDomainRedirect";

        var result = await WorkflowScenario.RunAsync(await scenario.PrepareAsync(request));

        Assert.Equal(StepOutcome.Reused, result[StepKeys.ZoneLink].Outcome);
        await AssertNoZoneNorLinkWrittenAsync(scenario);
        var link = await scenario.RequireAsync<VirtualNetworkLink>(scenario.ZoneId().Child("virtualNetworkLinks", "vnet1-link"));
        Assert.Equal("Default", link.Properties!.ResolutionPolicy);
    }

    [Fact]
    public async Task AnUnknownResolutionPolicyIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = WorkflowScenario.NewCache();
        request.ResolutionPolicy = "Fallback";

        await AssertRefusedAsync(scenario, request, Engine.Validation.ValidationErrorIds.InvalidResolutionPolicy);
    }

    /// <summary>The hub: the cache's zone name in its own resource group, linked to <paramref name="vnetId"/> as 'hub-link'.</summary>
    private static async Task LinkHubZoneAsync(WorkflowScenario scenario, ResourceId vnetId)
    {
        await scenario.CreateGroupAsync(HubGroup);
        await scenario.Arm.PutAsync(scenario.ZoneId(HubGroup), new PrivateDnsZone { Location = "global" });
        await scenario.Arm.PutAsync(scenario.ZoneId(HubGroup).Child("virtualNetworkLinks", "hub-link"), new VirtualNetworkLink
        {
            Location = "global",
            Properties = new VirtualNetworkLinkProperties { VirtualNetwork = new SubResource(vnetId.ToString()), RegistrationEnabled = false },
        });
    }

    private static async Task AssertNoZoneNorLinkWrittenAsync(WorkflowScenario scenario)
    {
        var writes = (await scenario.Control.WritesAsync()).Select(w => $"{w.Method} {w.Path}").ToList();
        Assert.DoesNotContain(writes, w => w.Contains("/virtualNetworkLinks/", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(writes, w => w.StartsWith("PUT ", StringComparison.Ordinal) && w.EndsWith("/privateDnsZones/" + WorkflowScenario.Zone, StringComparison.OrdinalIgnoreCase));
    }
}

using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.WorkflowRefusals;

namespace RedisPrivateLink.Integration.Tests.Workflows;

public sealed class RemovePrivateEndpointWorkflowTests
{
    [Fact]
    public async Task RemovesTheZoneGroupThenTheEndpointAndWithThemTheConnectionAndTheRecord()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(OpenCache());
        await scenario.Control.ClearRequestsAsync();

        var prepared = await PrepareAsync(scenario, scenario.EndpointId());
        var result = await WorkflowScenario.RunAsync(prepared);

        Assert.Equal(scenario.CacheId(), prepared.CacheId);
        Assert.Equal(
            new[]
            {
                "Delete DNS zone group 'default' of private endpoint 'cache1-pe', and with it its A record cache1.privatelink.redis.cache.windows.net",
                "Delete private endpoint 'cache1-pe' in 'rg-app' and with it its connection to cache 'cache1'",
            },
            prepared.Plan.Describe().Select(s => s.Description));
        Assert.All(result.Steps, step => Assert.Equal(StepOutcome.Deleted, step.Outcome));
        var deletes = (await scenario.Control.WritesAsync()).Where(r => r.Method == "DELETE").Select(r => r.Path).ToList();
        Assert.Equal(2, deletes.Count);
        Assert.EndsWith("/privateDnsZoneGroups/default", deletes[0], StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("/privateEndpoints/cache1-pe", deletes[1], StringComparison.OrdinalIgnoreCase);

        Assert.Null(await scenario.Arm.GetAsync<PrivateEndpoint>(scenario.EndpointId()));
        // A cache without connections has no such key, as Azure answers (shared/recordings, 2024-11-01).
        Assert.Null((await scenario.RequireAsync<RedisCache>(scenario.CacheId())).Properties!.PrivateEndpointConnections);
        Assert.Null(await scenario.Arm.GetAsync<ARecordSet>(scenario.ZoneId().Child("A", "cache1")));
        await scenario.RequireAsync<PrivateDnsZone>(scenario.ZoneId());
        Assert.Single(await scenario.Arm.ListAsync<VirtualNetworkLink>(scenario.ZoneId() + "/virtualNetworkLinks"));
    }

    [Fact]
    public async Task TheLastApprovedEndpointOfACacheWithoutPublicAccessIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());

        var error = await AssertRefusedAsync(scenario, () => PrepareAsync(scenario, scenario.EndpointId()), WorkflowErrorIds.LastPrivateEndpoint);

        Assert.Contains("unreachable", error.Message);
        Assert.Contains("Set-RedisPublicNetworkAccess", error.Message);
        Assert.Contains("Add-RedisPrivateEndpoint", error.Message);
        Assert.Contains("-Force", error.Message);
        await scenario.RequireAsync<PrivateEndpoint>(scenario.EndpointId());
    }

    [Fact]
    public async Task WithForceTheLastApprovedEndpointIsRemovedWithANotice()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());

        var prepared = await PrepareAsync(scenario, scenario.EndpointId(), force: true);
        await WorkflowScenario.RunAsync(prepared);

        Assert.Contains(prepared.Notices, n => n.Contains("no client can reach it", StringComparison.Ordinal));
        Assert.Null(await scenario.Arm.GetAsync<PrivateEndpoint>(scenario.EndpointId()));
    }

    [Fact]
    public async Task AnEndpointIsRemovedWithoutForceWhileAnotherApprovedOneRemainsWhichIsToldAboutTheSharedRecord()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        await WorkflowScenario.RunAsync(await scenario.PrepareAsync(new AddPrivateEndpointRequest
        {
            CacheId = scenario.CacheId().ToString(),
            VirtualNetworkName = "vnet2",
            AddressPrefix = new[] { "10.1.0.0/16" },
            SubnetName = "endpoints",
            SubnetPrefix = "10.1.0.0/24",
        }));

        var prepared = await PrepareAsync(scenario, scenario.EndpointId());
        await WorkflowScenario.RunAsync(prepared);

        // Both endpoints' zone groups write the record 'cache1' in the one zone: deleting one group deletes it for both.
        var notice = Assert.Single(prepared.Notices);
        Assert.StartsWith("Private endpoint(s) 'cache1-pe-vnet2' of cache 'cache1' register it in the same private DNS zone", notice, StringComparison.Ordinal);
        var connection = Assert.Single((await scenario.RequireAsync<RedisCache>(scenario.CacheId())).Properties!.PrivateEndpointConnections!);
        Assert.EndsWith("/cache1-pe-vnet2", connection.Properties!.PrivateEndpoint!.Id, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task APendingEndpointIsRemovedWithoutForceFromACacheWithoutPublicAccess()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        await PrivateLinkArrangements.AddManualEndpointAsync(scenario);
        var pendingId = scenario.EndpointId(PrivateLinkArrangements.ManualEndpointName, PrivateLinkArrangements.ManualEndpointGroup);

        await WorkflowScenario.RunAsync(await PrepareAsync(scenario, pendingId));

        Assert.Null(await scenario.Arm.GetAsync<PrivateEndpoint>(pendingId));
        var remaining = Assert.Single((await scenario.RequireAsync<RedisCache>(scenario.CacheId())).Properties!.PrivateEndpointConnections!);
        Assert.Equal("Approved", remaining.Properties!.PrivateLinkServiceConnectionState!.Status);
    }

    [Fact]
    public async Task TheZoneLinkIsRemovedWhenNoOtherEndpointInTheNetworkUsesTheZone()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(OpenCache());

        var prepared = await PrepareAsync(scenario, scenario.EndpointId(), removeDnsZoneLink: true);
        var result = await WorkflowScenario.RunAsync(prepared);

        var linkStep = RemovePrivateEndpointWorkflow.ZoneLinkStepKey(scenario.ZoneId());
        Assert.Equal(StepOutcome.Deleted, result[linkStep].Outcome);
        // The link goes first, while the zone group and the endpoint still say which zone and network it joins.
        Assert.Empty(prepared.Plan.Steps.Single(s => s.Key == linkStep).DependsOn);
        Assert.Contains(linkStep, prepared.Plan.Steps.Single(s => s.Key == RemovePrivateEndpointWorkflow.ZoneGroupStepKey("default")).DependsOn);
        Assert.Empty(await scenario.Arm.ListAsync<VirtualNetworkLink>(scenario.ZoneId() + "/virtualNetworkLinks"));
        await scenario.RequireAsync<PrivateDnsZone>(scenario.ZoneId());
    }

    [Fact]
    public async Task TheZoneLinkIsKeptWhileAnotherEndpointInTheNetworkUsesTheZone()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(OpenCache());
        var second = WorkflowScenario.NewCache("cache2");
        second.SubnetName = "endpoints2";
        second.SubnetPrefix = "10.0.2.0/24";
        await scenario.CreateAsync(second);

        var prepared = await PrepareAsync(scenario, scenario.EndpointId(), removeDnsZoneLink: true);
        await WorkflowScenario.RunAsync(prepared);

        Assert.DoesNotContain(prepared.Plan.Steps, s => s.Key == RemovePrivateEndpointWorkflow.ZoneLinkStepKey(scenario.ZoneId()));
        var notice = Assert.Single(prepared.Notices);
        Assert.Contains("'vnet1-link'", notice);
        Assert.Contains("'cache2-pe'", notice);
        Assert.Single(await scenario.Arm.ListAsync<VirtualNetworkLink>(scenario.ZoneId() + "/virtualNetworkLinks"));
        Assert.Null(await scenario.Arm.GetAsync<PrivateEndpoint>(scenario.EndpointId()));
    }

    [Fact]
    public async Task AMissingEndpointIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync(WorkflowScenario.Group);

        await AssertRefusedAsync(scenario, () => PrepareAsync(scenario, scenario.EndpointId("nothere")), WorkflowErrorIds.PrivateEndpointNotFound);
    }

    [Fact]
    public async Task AnEndpointToAnotherServiceIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateNetworkAsync("vnet1", WorkflowScenario.Group, "10.0.0.0/16", ("endpoints", "10.0.1.0/24", "Disabled"));
        var storageId = ResourceId.ForResource(scenario.Subscription, WorkflowScenario.Group, "Microsoft.Storage/storageAccounts", "appdata1");
        await scenario.Arm.PutAsync(storageId, new StorageAccount { Location = WorkflowScenario.Location, Kind = "StorageV2" });
        var endpointId = scenario.EndpointId("storage-pe");
        await scenario.Arm.PutAsync(endpointId, new PrivateEndpoint
        {
            Location = WorkflowScenario.Location,
            Properties = new PrivateEndpointProperties
            {
                Subnet = new SubResource(scenario.SubnetId().ToString()),
                PrivateLinkServiceConnections = new List<PrivateLinkServiceConnection>
                {
                    new() { Name = "blob", Properties = new PrivateLinkServiceConnectionProperties { PrivateLinkServiceId = storageId.ToString(), GroupIds = new List<string> { "blob" } } },
                },
            },
        });

        var error = await AssertRefusedAsync(scenario, () => PrepareAsync(scenario, endpointId), WorkflowErrorIds.NotARedisPrivateEndpoint);

        Assert.Contains("appdata1", error.Message);
    }

    [Fact]
    public async Task TheIdOfSomethingElseIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();

        await AssertRefusedAsync(scenario, () => PrepareAsync(scenario, scenario.CacheId()), ValidationErrorIds.WrongResourceType);
    }

    private static NewPrivateCacheRequest OpenCache()
    {
        var request = WorkflowScenario.NewCache();
        request.PublicNetworkAccess = "Enabled";
        return request;
    }

    private static Task<PreparedWorkflow> PrepareAsync(WorkflowScenario scenario, ResourceId endpointId, bool force = false, bool removeDnsZoneLink = false) =>
        RemovePrivateEndpointWorkflow.PrepareAsync(scenario.Azure.Context, endpointId.ToString(), force, removeDnsZoneLink, CancellationToken.None);
}

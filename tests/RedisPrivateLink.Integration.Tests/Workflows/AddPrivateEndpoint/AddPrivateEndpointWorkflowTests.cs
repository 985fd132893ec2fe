using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.WorkflowRefusals;

namespace RedisPrivateLink.Integration.Tests.Workflows;

public sealed class AddPrivateEndpointWorkflowTests
{
    [Fact]
    public async Task ASecondEndpointInAnotherNetworkGetsItsOwnLinkBeforeTheEndpoint()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        var firstAddress = await scenario.EndpointAddressAsync(scenario.EndpointId());
        await scenario.Control.ClearRequestsAsync();

        var prepared = await scenario.PrepareAsync(SecondNetwork(scenario));
        var result = await WorkflowScenario.RunAsync(prepared);

        var endpointId = scenario.EndpointId("cache1-pe-vnet2", "rg-spoke");
        Assert.Equal(StepOutcome.Created, result[StepKeys.PrivateEndpoint].Outcome);
        var writes = (await scenario.Control.WritesAsync()).Select(r => $"{r.Method} {r.Path}").ToList();
        var linkWrite = writes.FindIndex(w => w.StartsWith("PUT ", StringComparison.Ordinal) && w.EndsWith("/virtualNetworkLinks/vnet2-link", StringComparison.OrdinalIgnoreCase));
        var endpointWrite = writes.FindIndex(w => w.StartsWith("PUT ", StringComparison.Ordinal) && w.EndsWith("/privateEndpoints/cache1-pe-vnet2", StringComparison.OrdinalIgnoreCase));
        Assert.InRange(linkWrite, 0, endpointWrite - 1);

        var links = await scenario.Arm.ListAsync<VirtualNetworkLink>(scenario.ZoneId() + "/virtualNetworkLinks");
        Assert.Equal(new[] { "vnet1-link", "vnet2-link" }, links.Select(l => l.Name).OrderBy(n => n));
        var connections = (await scenario.RequireAsync<RedisCache>(scenario.CacheId())).Properties!.PrivateEndpointConnections!;
        Assert.Equal(2, connections.Count);
        Assert.All(connections, c => Assert.Equal("Approved", c.Properties!.PrivateLinkServiceConnectionState!.Status));

        // Both endpoints' zone groups write the record named after the cache; the emulator, like Azure, keeps the
        // address of the last one written, and the workflow warned about it before running.
        var secondAddress = await scenario.EndpointAddressAsync(endpointId);
        Assert.Equal("10.1.0.4", secondAddress);
        var record = await scenario.RequireAsync<ARecordSet>(scenario.ZoneId().Child("A", "cache1"));
        Assert.Equal(secondAddress, Assert.Single(record.Properties!.ARecords!).Ipv4Address);
        Assert.Contains(prepared.Notices, n => n.Contains($"already resolves 'cache1' to {firstAddress}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARerunOfTheSameAddReusesEverything()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        await WorkflowScenario.RunAsync(await scenario.PrepareAsync(SecondNetwork(scenario)));
        await scenario.Control.ClearRequestsAsync();

        var result = await WorkflowScenario.RunAsync(await scenario.PrepareAsync(SecondNetwork(scenario)));

        Assert.All(result.Steps, step => Assert.Contains(step.Outcome, new[] { StepOutcome.Reused, StepOutcome.Unchanged }));
        Assert.Empty(await scenario.Control.WritesAsync());
    }

    [Fact]
    public async Task AVNetInjectedCacheIsRefusedNamingTheMigrationCmdlet()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateNetworkAsync("vnet-cache", WorkflowScenario.Group, "10.5.0.0/16", ("cache", "10.5.0.0/24", "Disabled"));
        await scenario.Arm.PutAsync(scenario.CacheId("injected"), new RedisCache
        {
            Location = WorkflowScenario.Location,
            Properties = new RedisCacheProperties
            {
                Sku = new RedisSku { Name = "Premium", Family = "P", Capacity = 1 },
                SubnetId = scenario.SubnetId("vnet-cache", "cache").ToString(),
            },
        });
        var request = new AddPrivateEndpointRequest { CacheId = scenario.CacheId("injected").ToString(), SubnetId = scenario.SubnetId("vnet-cache", "cache").ToString() };

        var error = await AssertRefusedAsync(scenario, request, WorkflowErrorIds.CacheIsVNetInjected);

        Assert.Contains("Convert-VNetCacheToPrivateEndpoint", error.Message);
    }

    /// <summary>
    /// An existing subnet's private endpoint network policies are the user's NSG and route table enforcement
    /// for every endpoint there; the endpoint goes in with them Enabled, and nothing is written to the network.
    /// </summary>
    [Fact]
    public async Task ASubnetWithNetworkPoliciesEnabledGetsTheEndpointAndKeepsItsPolicies()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        await scenario.CreateNetworkAsync("vnet3", "rg-spoke", "10.3.0.0/16", ("workloads", "10.3.0.0/24", "Enabled"));
        var subnetId = scenario.SubnetId("vnet3", "workloads", "rg-spoke");
        await scenario.Control.ClearRequestsAsync();

        var prepared = await scenario.PrepareAsync(new AddPrivateEndpointRequest { CacheId = scenario.CacheId().ToString(), SubnetId = subnetId.ToString() });
        var result = await WorkflowScenario.RunAsync(prepared);

        Assert.DoesNotContain(prepared.Plan.Steps, step => step.Key == StepKeys.Network);
        Assert.DoesNotContain(prepared.Notices, n => n.Contains("network policies", StringComparison.Ordinal));
        Assert.Equal(StepOutcome.Created, result[StepKeys.PrivateEndpoint].Outcome);
        Assert.DoesNotContain(await scenario.Control.WritesAsync(), r => r.Path.Contains("/virtualNetworks/vnet3", StringComparison.OrdinalIgnoreCase));
        var subnet = await scenario.RequireAsync<Subnet>(subnetId);
        Assert.Equal("Enabled", subnet.Properties!.PrivateEndpointNetworkPolicies);
        var endpointId = scenario.EndpointId("cache1-pe-vnet3", "rg-spoke");
        var endpoint = await scenario.RequireAsync<PrivateEndpoint>(endpointId);
        Assert.Equal(subnetId.ToString(), endpoint.Properties!.Subnet!.Id, ignoreCase: true);
        Assert.Equal("10.3.0.4", await scenario.EndpointAddressAsync(endpointId));
    }

    [Theory]
    [InlineData("Enabled")]
    [InlineData("RouteTableEnabled")]
    public async Task ASubnetTheAddCreatesGetsTheAskedPoliciesAndTheEndpoint(string policy)
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        var request = SecondNetwork(scenario);
        request.PrivateEndpointNetworkPolicy = policy;

        var prepared = await scenario.PrepareAsync(request);
        var result = await WorkflowScenario.RunAsync(prepared);

        Assert.Contains($"(10.1.0.0/24, private endpoint network policies {policy})", prepared.Plan.Describe().Single(s => s.Key == StepKeys.Network).Description, StringComparison.Ordinal);
        Assert.Equal(StepOutcome.Created, result[StepKeys.PrivateEndpoint].Outcome);
        var subnet = await scenario.RequireAsync<Subnet>(scenario.SubnetId("vnet2", "endpoints", "rg-spoke"));
        Assert.Equal(policy, subnet.Properties!.PrivateEndpointNetworkPolicies);
    }

    [Fact]
    public async Task AManuallyApprovedEndpointStaysPending()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        var request = SecondNetwork(scenario);
        request.ManualApproval = true;
        request.RequestMessage = "Please approve: app team";

        var prepared = await scenario.PrepareAsync(request);
        await WorkflowScenario.RunAsync(prepared);

        Assert.Contains(prepared.Notices, n => n.Contains("Pending", StringComparison.Ordinal));
        var endpoint = await scenario.RequireAsync<PrivateEndpoint>(scenario.EndpointId("cache1-pe-vnet2", "rg-spoke"));
        var connection = Assert.Single(endpoint.Properties!.ManualPrivateLinkServiceConnections!);
        Assert.Equal("Pending", connection.Properties!.PrivateLinkServiceConnectionState!.Status);
        Assert.Equal("Please approve: app team", connection.Properties.RequestMessage);
        var cacheSide = (await scenario.RequireAsync<RedisCache>(scenario.CacheId())).Properties!.PrivateEndpointConnections!;
        Assert.Contains(cacheSide, c => c.Properties!.PrivateLinkServiceConnectionState!.Status == "Pending");
    }

    [Fact]
    public async Task ACacheStillBeingCreatedIsWaitedForBeforeItsEndpointIsSent()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync(WorkflowScenario.Group);
        await scenario.Arm.PutAsync(scenario.CacheId(), new RedisCache
        {
            Location = WorkflowScenario.Location,
            Properties = new RedisCacheProperties { Sku = new RedisSku { Name = "Standard", Family = "C", Capacity = 1 } },
        }, waitForCompletion: false);

        var prepared = await scenario.PrepareAsync(SecondNetwork(scenario));
        var wait = Assert.Single(prepared.Plan.Describe(), step => step.Key == StepKeys.Cache);
        Assert.Contains("it is Creating", wait.Description);
        Assert.Contains(StepKeys.Cache, Assert.Single(prepared.Plan.Describe(), step => step.Key == StepKeys.PrivateEndpoint).DependsOn);

        var result = await WorkflowScenario.RunAsync(prepared);

        Assert.Equal(StepOutcome.Created, result[StepKeys.PrivateEndpoint].Outcome);
        var cache = await scenario.RequireAsync<RedisCache>(scenario.CacheId());
        Assert.Equal("Succeeded", cache.Properties!.ProvisioningState);
        Assert.Equal("Approved", Assert.Single(cache.Properties.PrivateEndpointConnections!).Properties!.PrivateLinkServiceConnectionState!.Status);
    }

    [Fact]
    public async Task AMissingCacheIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = new AddPrivateEndpointRequest { CacheId = scenario.CacheId("nothere").ToString(), VirtualNetworkName = "vnet1", SubnetName = "endpoints" };

        await AssertRefusedAsync(scenario, request, MissingCache.ErrorId);
    }

    [Fact]
    public async Task AnEndpointNameUsedForAnotherCacheIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache("cache1"));
        var second = WorkflowScenario.NewCache("cache2");
        second.SubnetPrefix = "10.0.2.0/24";
        second.SubnetName = "endpoints2";
        await scenario.CreateAsync(second);
        var request = new AddPrivateEndpointRequest
        {
            CacheId = scenario.CacheId("cache2").ToString(),
            SubnetId = scenario.SubnetId().ToString(),
            Name = "cache1-pe",
            ResourceGroupName = WorkflowScenario.Group,
        };

        await AssertRefusedAsync(scenario, request, WorkflowErrorIds.PrivateEndpointNameInUse);
    }

    /// <summary>A new spoke network in its own new resource group, for a second endpoint of cache1.</summary>
    private static AddPrivateEndpointRequest SecondNetwork(WorkflowScenario scenario) => new()
    {
        CacheId = scenario.CacheId().ToString(),
        VirtualNetworkName = "vnet2",
        VirtualNetworkResourceGroupName = "rg-spoke",
        AddressPrefix = new[] { "10.1.0.0/16" },
        SubnetName = "endpoints",
        SubnetPrefix = "10.1.0.0/24",
    };
}

using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Integration.Tests.Workflows;

public sealed class NewPrivateCacheWorkflowTests
{
    [Fact]
    public async Task CreatesTheCacheBehindAPrivateEndpointInANewNetwork()
    {
        await using var scenario = await WorkflowScenario.StartAsync();

        var result = await scenario.CreateAsync(WorkflowScenario.NewCache());

        Assert.All(result.Steps, step => Assert.Equal(StepOutcome.Created, step.Outcome));
        var cache = await scenario.RequireAsync<RedisCache>(scenario.CacheId());
        Assert.Equal("Succeeded", cache.Properties!.ProvisioningState);
        Assert.Equal("Disabled", cache.Properties.PublicNetworkAccess);
        Assert.Equal("1.2", cache.Properties.MinimumTlsVersion);
        Assert.False(cache.Properties.EnableNonSslPort);
        Assert.Equal("Approved", Assert.Single(cache.Properties.PrivateEndpointConnections!).Properties!.PrivateLinkServiceConnectionState!.Status);

        var vnet = await scenario.RequireAsync<VirtualNetwork>(scenario.VnetId());
        var subnet = Assert.Single(vnet.Properties!.Subnets!);
        Assert.Equal("10.0.1.0/24", subnet.Properties!.AddressPrefix);
        // None was sent (the engine tests check the body), so the emulator applied Azure's default.
        Assert.Equal("Disabled", subnet.Properties.PrivateEndpointNetworkPolicies);

        var zone = await scenario.RequireAsync<PrivateDnsZone>(scenario.ZoneId());
        Assert.Equal("global", zone.Location);
        var link = Assert.Single(await scenario.Arm.ListAsync<VirtualNetworkLink>(scenario.ZoneId() + "/virtualNetworkLinks"));
        Assert.Equal("vnet1-link", link.Name);
        Assert.Equal(scenario.VnetId().ToString(), link.Properties!.VirtualNetwork!.Id, ignoreCase: true);
        Assert.False(link.Properties.RegistrationEnabled);

        var endpoint = await scenario.RequireAsync<PrivateEndpoint>(scenario.EndpointId());
        Assert.Equal(scenario.SubnetId().ToString(), endpoint.Properties!.Subnet!.Id, ignoreCase: true);
        Assert.Equal(new[] { "redisCache" }, Assert.Single(endpoint.Properties.PrivateLinkServiceConnections!).Properties!.GroupIds);
        Assert.Single(await scenario.Arm.ListAsync<PrivateDnsZoneGroup>(scenario.EndpointId() + "/privateDnsZoneGroups"));

        var record = await scenario.RequireAsync<ARecordSet>(scenario.ZoneId().Child("A", "cache1"));
        var address = Assert.Single(record.Properties!.ARecords!).Ipv4Address;
        Assert.Equal(await scenario.EndpointAddressAsync(scenario.EndpointId()), address);
        Assert.Equal("10.0.1.4", address);
    }

    [Fact]
    public async Task PreparingWritesNothingAndDescribesEveryStep()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.Control.ClearRequestsAsync();

        var prepared = await scenario.PrepareAsync(WorkflowScenario.NewCache());

        Assert.Empty(await scenario.Control.WritesAsync());
        Assert.Equal(scenario.CacheId(), prepared.CacheId);

        // The one warning: the link it creates without -ResolutionPolicy NxDomainRedirect changes DNS for the whole VNet.
        Assert.Contains("-ResolutionPolicy NxDomainRedirect", Assert.Single(prepared.Notices), StringComparison.Ordinal);
        Assert.Equal(
            new[]
            {
                "Create resource group 'rg-app' in eastus",
                "Create virtual network 'vnet1' (10.0.0.0/16) with subnet 'endpoints' (10.0.1.0/24, Azure's default private endpoint network policies) in 'rg-app'",
                "Create private DNS zone 'privatelink.redis.cache.windows.net' in 'rg-app'",
                "Create cache 'cache1' (Standard C1, public network access Disabled, TLS 1.2, non-TLS port off) in eastus in 'rg-app'",
                "Link private DNS zone 'privatelink.redis.cache.windows.net' to virtual network 'vnet1' as 'vnet1-link'",
                "Create private endpoint 'cache1-pe' for cache 'cache1' in subnet 'endpoints' of virtual network 'vnet1' (eastus)",
                "Register private endpoint 'cache1-pe' in private DNS zone 'privatelink.redis.cache.windows.net' (DNS zone group 'default')",
            },
            prepared.Plan.Describe().Select(step => step.Description));
    }

    [Fact]
    public async Task ARerunReusesEveryResourceAndWritesNothing()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        await scenario.Control.ClearRequestsAsync();

        var prepared = await scenario.PrepareAsync(WorkflowScenario.NewCache());
        var result = await WorkflowScenario.RunAsync(prepared);

        Assert.Empty(prepared.Notices);
        Assert.All(result.Steps, step => Assert.Contains(step.Outcome, new[] { StepOutcome.Reused, StepOutcome.Unchanged }));
        Assert.Empty(await scenario.Control.WritesAsync());
        Assert.DoesNotContain(await scenario.Control.RequestsAsync(), r => r.Path.EndsWith("/CheckNameAvailability", StringComparison.OrdinalIgnoreCase));
        Assert.Single(await scenario.Arm.ListAsync<PrivateEndpoint>($"/subscriptions/{scenario.Subscription}/providers/Microsoft.Network/privateEndpoints"));
        Assert.Single(await scenario.Arm.ListAsync<VirtualNetworkLink>(scenario.ZoneId() + "/virtualNetworkLinks"));
        Assert.Single((await scenario.RequireAsync<RedisCache>(scenario.CacheId())).Properties!.PrivateEndpointConnections!);
    }

    [Fact]
    public async Task ARerunAfterTheEndpointCreateFailedConvergesWithOneEndpoint()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.Control.FailOperationAsync("PUT", "*/privateEndpoints/cache1-pe");

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => scenario.CreateAsync(WorkflowScenario.NewCache()));

        Assert.Equal(StepKeys.PrivateEndpoint, failure.FailedStep.Key);
        Assert.Contains("private endpoint 'cache1-pe'", failure.Message);
        Assert.Contains(failure.NotRun, step => step.Key == StepKeys.DnsZoneGroup);

        var result = await scenario.CreateAsync(WorkflowScenario.NewCache());

        Assert.Equal(StepOutcome.Updated, result[StepKeys.PrivateEndpoint].Outcome);
        Assert.Equal(StepOutcome.Created, result[StepKeys.DnsZoneGroup].Outcome);
        Assert.Equal(StepOutcome.Reused, result[StepKeys.Cache].Outcome);
        var endpoint = Assert.Single(await scenario.Arm.ListAsync<PrivateEndpoint>($"/subscriptions/{scenario.Subscription}/providers/Microsoft.Network/privateEndpoints"));
        Assert.Equal("Succeeded", endpoint.Properties!.ProvisioningState);
        var record = await scenario.RequireAsync<ARecordSet>(scenario.ZoneId().Child("A", "cache1"));
        Assert.Equal(await scenario.EndpointAddressAsync(scenario.EndpointId()), Assert.Single(record.Properties!.ARecords!).Ipv4Address);
    }

    [Fact]
    public async Task AddsTheSubnetToAnExistingNetworkAndLeavesItsOtherSubnetsAlone()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateNetworkAsync("vnet1", WorkflowScenario.Group, "10.0.0.0/16", ("apps", "10.0.0.0/24", "Enabled"), ("data", "10.0.2.0/24", "Disabled"));
        var request = WorkflowScenario.NewCache();
        request.AddressPrefix = null;
        await scenario.Control.ClearRequestsAsync();

        var prepared = await scenario.PrepareAsync(request);
        var result = await WorkflowScenario.RunAsync(prepared);

        Assert.StartsWith("Add subnet 'endpoints' (10.0.1.0/24, Azure's default private endpoint network policies) to virtual network 'vnet1'", prepared.Plan.Describe().Single(s => s.Key == StepKeys.Network).Description);
        Assert.Equal(StepOutcome.Created, result[StepKeys.Network].Outcome);
        Assert.Equal(StepOutcome.Reused, result[StepKeys.ResourceGroup].Outcome);
        Assert.DoesNotContain(await scenario.Control.RequestsAsync(), r => r.Method == "PUT" && r.Path.EndsWith("/virtualNetworks/vnet1", StringComparison.OrdinalIgnoreCase));
        var subnets = (await scenario.RequireAsync<VirtualNetwork>(scenario.VnetId())).Properties!.Subnets!.ToDictionary(s => s.Name!, s => s.Properties!);
        Assert.Equal(new[] { "apps", "data", "endpoints" }, subnets.Keys.OrderBy(k => k));
        Assert.Equal("Enabled", subnets["apps"].PrivateEndpointNetworkPolicies);
        Assert.Equal("10.0.0.0/24", subnets["apps"].AddressPrefix);
        Assert.Equal("Disabled", subnets["endpoints"].PrivateEndpointNetworkPolicies);
    }

    [Theory]
    [InlineData("Enabled")]
    [InlineData("NetworkSecurityGroupEnabled")]
    public async Task TheSubnetOfANewNetworkGetsTheAskedPoliciesAndHoldsTheEndpoint(string policy)
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = WorkflowScenario.NewCache();
        request.PrivateEndpointNetworkPolicy = policy;

        var prepared = await scenario.PrepareAsync(request);
        var result = await WorkflowScenario.RunAsync(prepared);

        Assert.Equal($"Create virtual network 'vnet1' (10.0.0.0/16) with subnet 'endpoints' (10.0.1.0/24, private endpoint network policies {policy}) in 'rg-app'",
            prepared.Plan.Describe().Single(s => s.Key == StepKeys.Network).Description);
        Assert.Equal(StepOutcome.Created, result[StepKeys.PrivateEndpoint].Outcome);
        Assert.Equal(policy, (await scenario.RequireAsync<Subnet>(scenario.SubnetId())).Properties!.PrivateEndpointNetworkPolicies);
        Assert.Equal("10.0.1.4", await scenario.EndpointAddressAsync(scenario.EndpointId()));
    }

    [Fact]
    public async Task AnExistingSubnetWithPoliciesEnabledGivenByIdIsUsedWithoutAnyNetworkWrite()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateNetworkAsync("vnet1", WorkflowScenario.Group, "10.0.0.0/16", ("endpoints", "10.0.1.0/24", "Enabled"));
        var request = WorkflowScenario.NewCache();
        request.VirtualNetworkName = request.SubnetName = request.SubnetPrefix = null;
        request.AddressPrefix = null;
        request.SubnetId = scenario.SubnetId().ToString();
        await scenario.Control.ClearRequestsAsync();

        var prepared = await scenario.PrepareAsync(request);
        await WorkflowScenario.RunAsync(prepared);

        Assert.DoesNotContain(prepared.Plan.Steps, step => step.Key == StepKeys.Network);
        Assert.DoesNotContain(await scenario.Control.WritesAsync(), r => r.Path.Contains("/virtualNetworks/vnet1", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Enabled", (await scenario.RequireAsync<Subnet>(scenario.SubnetId())).Properties!.PrivateEndpointNetworkPolicies);
        Assert.Equal("10.0.1.4", await scenario.EndpointAddressAsync(scenario.EndpointId()));
    }

    [Fact]
    public async Task NoWaitStartsTheCacheAndLeavesTheEndpointForARerun()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = WorkflowScenario.NewCache();
        request.NoWait = true;

        var first = await scenario.CreateAsync(request);

        Assert.Equal(StepOutcome.Created, first[StepKeys.Cache].Outcome);
        Assert.Equal(StepOutcome.Created, first[StepKeys.ZoneLink].Outcome);
        Assert.Equal(StepOutcome.Skipped, first[StepKeys.PrivateEndpoint].Outcome);
        Assert.Equal("the cache is still being created: run the same command again when it is ready, or Add-RedisPrivateEndpoint", first[StepKeys.PrivateEndpoint].Message);
        Assert.Equal(StepOutcome.Skipped, first[StepKeys.DnsZoneGroup].Outcome);
        Assert.Null(await scenario.Arm.GetAsync<PrivateEndpoint>(scenario.EndpointId()));

        request.NoWait = false;
        var second = await scenario.CreateAsync(request);

        Assert.Equal(StepOutcome.Reused, second[StepKeys.Cache].Outcome);
        Assert.Equal(StepOutcome.Created, second[StepKeys.PrivateEndpoint].Outcome);
        Assert.Equal(StepOutcome.Created, second[StepKeys.DnsZoneGroup].Outcome);
    }

    [Fact]
    public async Task AnExistingCacheThatDiffersIsReusedAsItIsAndTheDifferencesReported()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        var request = WorkflowScenario.NewCache();
        request.Size = "C2";
        request.PublicNetworkAccess = "Enabled";
        await scenario.Control.ClearRequestsAsync();

        var prepared = await scenario.PrepareAsync(request);
        var result = await WorkflowScenario.RunAsync(prepared);

        var notice = Assert.Single(prepared.Notices);
        Assert.Contains("SKU Standard C1 (asked Standard C2)", notice);
        Assert.Contains("public network access Disabled (asked Enabled)", notice);
        Assert.Equal(StepOutcome.Reused, result[StepKeys.Cache].Outcome);
        Assert.Contains("asked Standard C2", result[StepKeys.Cache].Message);
        Assert.Empty(await scenario.Control.WritesAsync());
    }
}

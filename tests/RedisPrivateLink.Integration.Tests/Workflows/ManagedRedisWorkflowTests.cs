using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>The seed workflow and the guards for Azure Managed Redis, end to end against the emulator.</summary>
public sealed class ManagedRedisWorkflowTests
{
    [Fact]
    public async Task NewCreatesAClusterAndDatabaseBehindAnEndpointWhoseRecordIsNameDotRegion()
    {
        await using var scenario = await WorkflowScenario.StartAsync();

        var result = await scenario.CreateAsync(NewManagedCache(scenario));

        Assert.All(result.Steps, step => Assert.Equal(StepOutcome.Created, step.Outcome));
        var cluster = await scenario.RequireAsync<ManagedRedisCluster>(scenario.ClusterId("amr1"));
        Assert.Equal(("Balanced_B5", "Succeeded", "Running"), (cluster.Sku!.Name, cluster.Properties!.ProvisioningState, cluster.Properties.ResourceState));
        Assert.Equal(("Disabled", "1.2", "Enabled"), (cluster.Properties.PublicNetworkAccess, cluster.Properties.MinimumTlsVersion, cluster.Properties.HighAvailability));
        Assert.Equal("amr1.eastus.redis.azure.net", cluster.Properties.HostName);
        var database = await scenario.RequireAsync<ManagedRedisDatabase>(scenario.ClusterId("amr1").Child("databases", "default"));
        Assert.Equal(("Encrypted", 10000, "OSSCluster", "Disabled"),
            (database.Properties!.ClientProtocol, database.Properties.Port, database.Properties.ClusteringPolicy, database.Properties.AccessKeysAuthentication));

        var endpointId = scenario.EndpointId("amr1-pe");
        var endpoint = await scenario.RequireAsync<PrivateEndpoint>(endpointId);
        Assert.Equal(new[] { "redisEnterprise" }, Assert.Single(endpoint.Properties!.PrivateLinkServiceConnections!).Properties!.GroupIds);
        var zoneId = scenario.ManagedRedisZoneId();
        Assert.Single(await scenario.Arm.ListAsync<VirtualNetworkLink>(zoneId + "/virtualNetworkLinks"));
        var record = await scenario.RequireAsync<ARecordSet>(zoneId.Child("A", "amr1.eastus"));
        Assert.Equal(await scenario.EndpointAddressAsync(endpointId), Assert.Single(record.Properties!.ARecords!).Ipv4Address);

        var cache = await new CacheReader(scenario.Arm, scenario.Subscription).GetAsync(scenario.ClusterId("amr1"));
        Assert.Equal(("ManagedRedis", 10000, "Disabled"), (cache!.Kind, cache.Port, cache.PublicNetworkAccess));
        Assert.Equal(await scenario.EndpointAddressAsync(endpointId), Assert.Single(cache.PrivateIpAddresses));
        var dnsRecord = Assert.Single(Assert.Single(cache.PrivateEndpoints).DnsRecords);
        Assert.Equal("amr1.eastus." + WorkflowScenario.ManagedRedisZone, dnsRecord.Fqdn);
    }

    [Fact]
    public async Task ARerunReusesEverythingAndWritesNothing()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(NewManagedCache(scenario));
        await scenario.Control.ClearRequestsAsync();

        var result = await scenario.CreateAsync(NewManagedCache(scenario));

        Assert.All(result.Steps, step => Assert.Equal(StepOutcome.Reused, step.Outcome));
        Assert.Empty(await scenario.Control.WritesAsync());
    }

    [Fact]
    public async Task AnotherEndpointInAnotherNetworkRegistersInTheSameZone()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(NewManagedCache(scenario));

        var prepared = await scenario.PrepareAsync(new AddPrivateEndpointRequest
        {
            CacheId = scenario.ClusterId("amr1").ToString(),
            VirtualNetworkName = "vnet2",
            AddressPrefix = new[] { "10.1.0.0/16" },
            SubnetName = "endpoints",
            SubnetPrefix = "10.1.1.0/24",
        });
        await WorkflowScenario.RunAsync(prepared);

        Assert.Contains(prepared.Notices, n => n.Contains("already resolves 'amr1.eastus'"));
        var cluster = await scenario.RequireAsync<ManagedRedisCluster>(scenario.ClusterId("amr1"));
        Assert.Equal(2, cluster.Properties!.PrivateEndpointConnections!.Count);
        var zoneId = scenario.ManagedRedisZoneId();
        Assert.Equal(2, (await scenario.Arm.ListAsync<VirtualNetworkLink>(zoneId + "/virtualNetworkLinks")).Count);
    }

    [Fact]
    public async Task TheUnreachabilityGuardsHoldForManagedRedis()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(NewManagedCache(scenario));
        await scenario.Control.ClearRequestsAsync();

        var lastEndpoint = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => RemovePrivateEndpointWorkflow.PrepareAsync(
            scenario.Azure.Context, scenario.EndpointId("amr1-pe").ToString(), force: false, removeDnsZoneLink: false, CancellationToken.None));
        Assert.Equal(WorkflowErrorIds.LastPrivateEndpoint, lastEndpoint.ErrorId);

        await WorkflowScenario.RunAsync(await PublicNetworkAccessWorkflow.PrepareAsync(scenario.Azure.Context, scenario.ClusterId("amr1").ToString(), "Enabled", force: false, noWait: false, CancellationToken.None));
        await WorkflowScenario.RunAsync(await RemovePrivateEndpointWorkflow.PrepareAsync(scenario.Azure.Context, scenario.EndpointId("amr1-pe").ToString(), force: false, removeDnsZoneLink: false, CancellationToken.None));
        var unreachable = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => PublicNetworkAccessWorkflow.PrepareAsync(
            scenario.Azure.Context, scenario.ClusterId("amr1").ToString(), "Disabled", force: false, noWait: false, CancellationToken.None));
        Assert.Equal(WorkflowErrorIds.CacheWouldBeUnreachable, unreachable.ErrorId);

        var cluster = await scenario.RequireAsync<ManagedRedisCluster>(scenario.ClusterId("amr1"));
        Assert.Equal("Enabled", cluster.Properties!.PublicNetworkAccess);
        Assert.Empty(cluster.Properties.PrivateEndpointConnections ?? new List<PrivateEndpointConnection>());
        Assert.Null(await scenario.Arm.GetAsync<PrivateEndpoint>(scenario.EndpointId("amr1-pe")));
    }

    [Fact]
    public async Task AMixedFleetIsListedAndSetInOnePass()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache("classic1"));
        await scenario.CreateAsync(NewManagedCache(scenario));
        var reader = new CacheReader(scenario.Arm, scenario.Subscription);

        var fleet = new List<RedisPrivateCache>();
        await reader.ForEachCacheAsync(null, null, (cache, _) =>
        {
            fleet.Add(cache);
            return Task.CompletedTask;
        });
        foreach (var cache in fleet)
        {
            await WorkflowScenario.RunAsync(await PublicNetworkAccessWorkflow.PrepareAsync(scenario.Azure.Context, cache.Id, "Enabled", force: false, noWait: false, CancellationToken.None));
        }

        Assert.Equal(new[] { ("classic1", "Classic", 6380), ("amr1", "ManagedRedis", 10000) }, fleet.Select(c => (c.Name, c.Kind, c.Port)));
        Assert.Equal("Enabled", (await scenario.RequireAsync<RedisCache>(scenario.CacheId("classic1"))).Properties!.PublicNetworkAccess);
        Assert.Equal("Enabled", (await scenario.RequireAsync<ManagedRedisCluster>(scenario.ClusterId("amr1"))).Properties!.PublicNetworkAccess);
    }

    [Fact]
    public async Task AClassicCreateAzureRefusesAsRetiringNamesTheSkuAndTheManagedRerunConverges()
    {
        await using var scenario = await WorkflowScenario.StartAsync(o => o.RefuseClassicCreate = true);

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => scenario.CreateAsync(WorkflowScenario.NewCache("cache1")));

        var cause = Assert.IsType<RedisPrivateLinkException>(failure.InnerException);
        Assert.Equal(WorkflowErrorIds.ClassicCacheCreationBlocked, cause.ErrorId);
        Assert.Contains("-Sku Balanced_B1", cause.Message);
        Assert.Null(await scenario.Arm.GetAsync<RedisCache>(scenario.CacheId("cache1")));

        var request = WorkflowScenario.NewCache("cache1");
        request.Sku = "Balanced_B1";
        request.Size = null;
        var result = await scenario.CreateAsync(request);

        Assert.Equal(StepOutcome.Created, result[StepKeys.Cache].Outcome);
        Assert.Equal(StepOutcome.Reused, result[StepKeys.Network].Outcome);
        var endpoint = await scenario.RequireAsync<PrivateEndpoint>(scenario.EndpointId("cache1-pe"));
        Assert.EndsWith("/redisEnterprise/cache1", Assert.Single(endpoint.Properties!.PrivateLinkServiceConnections!).Properties!.PrivateLinkServiceId!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AClusterNameHeldElsewhereIsReportedFromThePut()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(NewManagedCache(scenario));
        var request = NewManagedCache(scenario);
        request.ResourceGroupName = "rg-other";

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => scenario.CreateAsync(request));

        Assert.Equal(WorkflowErrorIds.CacheNameNotAvailable, Assert.IsType<RedisPrivateLinkException>(failure.InnerException).ErrorId);
    }

    private static NewPrivateCacheRequest NewManagedCache(WorkflowScenario scenario)
    {
        var request = WorkflowScenario.NewCache("amr1");
        request.Sku = "Balanced_B5";
        request.Size = null;
        return request;
    }
}

using RedisPrivateLink.Emulator.Control;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// Add-RedisPrivateEndpoint on a fleet: piped inputs that share a network read what they share once per run, the zone
/// and link the first input creates are created once, and their endpoints are waited for by lists, not polls.
/// </summary>
public sealed class EndpointFleetTests
{
    private const int Fleet = 20;

    [Fact]
    public async Task TwentyInputsSharingANetworkReadItOnceAndCreateItsZoneAndLinkOnce()
    {
        await using var scenario = await StartWithCachesAsync();
        var fleet = new EndpointFleet(scenario.Azure.Context.GetArmGateway());
        await scenario.Control.ClearRequestsAsync();

        var results = await AddAllAsync(scenario, fleet);

        var log = await scenario.Control.RequestsAsync();
        Assert.Equal(1, Count(log, "GET", "/virtualNetworks/vnet-shared"));
        Assert.Equal(1, Count(log, "PUT", $"/privateDnsZones/{WorkflowScenario.Zone}"));
        Assert.Equal(1, Count(log, "PUT", "/virtualNetworkLinks/vnet-shared-link"));
        Assert.Equal(Fleet, log.Count(r => r.Method == "PUT" && r.Path.EndsWith("/privateDnsZoneGroups/default", StringComparison.OrdinalIgnoreCase)));
        // Reads other than polls: per input its zone group once written (the gateway's read at the end of the group's
        // operation); the network, zone and links read once, and the caches, endpoints and A records listed for all
        // after the first input's own reads.
        var reads = log.Count(r => r.Method == "GET" && !IsPoll(r));
        Assert.InRange(reads, Fleet, Fleet + 15);
        Assert.Equal(Fleet, results.Count(r => r[StepKeys.PrivateEndpoint].Outcome == StepOutcome.Created));
        await AssertAllConnectedAsync(scenario);
        var links = await scenario.Arm.ListAsync<VirtualNetworkLink>(scenario.ZoneId() + "/virtualNetworkLinks");
        Assert.Equal("vnet-shared-link", Assert.Single(links).Name);
    }

    [Fact]
    public async Task TheEndpointsAreWaitedForByListsOfTheirGroupNotByPollsOrReads()
    {
        await using var scenario = await StartWithCachesAsync();
        var fleet = new EndpointFleet(scenario.Azure.Context.GetArmGateway());
        await scenario.Control.ClearRequestsAsync();

        await AddAllAsync(scenario, fleet);

        var log = await scenario.Control.RequestsAsync();
        var endpoints = $"/resourceGroups/{WorkflowScenario.Group}/providers/Microsoft.Network/privateEndpoints";
        // Only the first input's endpoint is read on its own (a 404: preparation); the others are answered by lists.
        var alone = log.Where(r => r.Method == "GET" && r.Path.Contains(endpoints + "/", StringComparison.OrdinalIgnoreCase) && !r.Path.Contains("/privateDnsZoneGroups", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(404, Assert.Single(alone).Status);
        var lists = log.Count(r => r.Method == "GET" && r.Path.EndsWith(endpoints, StringComparison.OrdinalIgnoreCase));
        Assert.InRange(lists, 1, Fleet - 1);
        // Network operations polled: the zone groups' only (Retry-After at the emulator's pace), none of the endpoints'.
        var networkPolls = log.Count(r => r.Method == "GET" && r.Path.Contains("/providers/Microsoft.Network/locations/", StringComparison.OrdinalIgnoreCase));
        Assert.InRange(networkPolls, Fleet, 2 * Fleet);
        await AssertAllConnectedAsync(scenario);
    }

    [Fact]
    public async Task AnEndpointListedFailedFailsItsInputAloneAndARerunConverges()
    {
        await using var scenario = await StartWithCachesAsync();
        await scenario.Control.FailOperationAsync("PUT", "*/privateEndpoints/cache07-pe-vnet-shared");
        var fleet = new EndpointFleet(scenario.Azure.Context.GetArmGateway());

        var prepared = await PrepareAllAsync(scenario, fleet);
        var runs = prepared.Select(p => WorkflowScenario.RunAsync(p)).ToArray();
        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => runs[6]);

        Assert.Equal(StepKeys.PrivateEndpoint, failure.FailedStep.Key);
        Assert.Equal("ProvisioningFailed", Assert.IsType<ArmException>(failure.InnerException).Code);
        await Task.WhenAll(runs.Where((_, i) => i != 6));
        var rerun = await WorkflowScenario.RunAsync((await PrepareAllAsync(scenario, new EndpointFleet(scenario.Azure.Context.GetArmGateway())))[6]);
        Assert.StartsWith("was Failed; sent again", rerun[StepKeys.PrivateEndpoint].Message, StringComparison.Ordinal);
        await AssertAllConnectedAsync(scenario);
    }

    [Fact]
    public async Task TheOutputShowsTheNewEndpointAsListedWithoutReadingTheCacheAgain()
    {
        await using var scenario = await StartWithCachesAsync();
        var fleet = new EndpointFleet(scenario.Azure.Context.GetArmGateway());
        var prepared = await PrepareAllAsync(scenario, fleet);
        await Task.WhenAll(prepared.Select(WorkflowScenario.RunAsync));
        await scenario.Control.ClearRequestsAsync();

        var outputs = await Task.WhenAll(prepared.Select(p => AddPrivateEndpointWorkflow.ReadResultAsync(scenario.Azure.Context, p, fleet, CancellationToken.None)));

        Assert.Empty(await scenario.Control.RequestsAsync());
        foreach (var (output, name) in outputs.Zip(CacheNames()))
        {
            Assert.Equal(name, output!.Name);
            var endpoint = Assert.Single(output.PrivateEndpoints);
            Assert.Equal($"{name}-pe-vnet-shared", endpoint.Name);
            Assert.Equal("Approved", endpoint.ConnectionState);
            Assert.Equal(await scenario.EndpointAddressAsync(scenario.EndpointId(endpoint.Name)), Assert.Single(output.PrivateIpAddresses));
        }
    }

    private static async Task<WorkflowScenario> StartWithCachesAsync()
    {
        var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateNetworkAsync("vnet-shared", WorkflowScenario.Group, "10.9.0.0/16", ("endpoints", "10.9.0.0/24", "Disabled"));
        await Task.WhenAll(CacheNames().Select(name => scenario.Arm.PutAsync(scenario.CacheId(name), new RedisCache
        {
            Location = WorkflowScenario.Location,
            Properties = new RedisCacheProperties { Sku = new RedisSku { Name = "Basic", Family = "C", Capacity = 0 } },
        })));
        return scenario;
    }

    private static IEnumerable<string> CacheNames() => Enumerable.Range(1, Fleet).Select(i => $"cache{i:00}");

    /// <summary>Every input prepared first, all at once, then every plan run at once: the most the run's inputs can race.</summary>
    private static async Task<PreparedWorkflow[]> PrepareAllAsync(WorkflowScenario scenario, EndpointFleet fleet) =>
        await Task.WhenAll(CacheNames().Select(name => AddPrivateEndpointWorkflow.PrepareAsync(scenario.Azure.Context, new AddPrivateEndpointRequest
        {
            CacheId = scenario.CacheId(name).ToString(),
            SubnetId = scenario.SubnetId("vnet-shared").ToString(),
        }, fleet, CancellationToken.None)));

    private static async Task<PlanResult[]> AddAllAsync(WorkflowScenario scenario, EndpointFleet fleet) =>
        await Task.WhenAll((await PrepareAllAsync(scenario, fleet)).Select(WorkflowScenario.RunAsync));

    private static async Task AssertAllConnectedAsync(WorkflowScenario scenario)
    {
        foreach (var name in CacheNames())
        {
            var endpoint = await scenario.RequireAsync<PrivateEndpoint>(scenario.EndpointId($"{name}-pe-vnet-shared"));
            Assert.Equal("Succeeded", endpoint.Properties!.ProvisioningState);
            var cache = await scenario.RequireAsync<RedisCache>(scenario.CacheId(name));
            Assert.Equal("Approved", Assert.Single(cache.Properties!.PrivateEndpointConnections!).Properties!.PrivateLinkServiceConnectionState!.Status);
            var record = await scenario.RequireAsync<ARecordSet>(scenario.ZoneId().Child("A", name));
            Assert.Equal(await scenario.EndpointAddressAsync(ResourceId.Parse(endpoint.Id)), Assert.Single(record.Properties!.ARecords!).Ipv4Address);
        }
    }

    private static int Count(IEnumerable<RequestLogEntry> log, string method, string pathEnding) =>
        log.Count(r => r.Method == method && r.Path.EndsWith(pathEnding, StringComparison.OrdinalIgnoreCase));

    private static bool IsPoll(RequestLogEntry entry) =>
        entry.Path.Contains("/operations/", StringComparison.OrdinalIgnoreCase) || entry.Path.Contains("/privateDnsOperation", StringComparison.OrdinalIgnoreCase);
}

using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// New-RedisPrivateCache through Azure's "not now" answers, against the emulator answering them as Azure does: a busy
/// network, an endpoint whose operation fails as retryable right after its subnet's write, and the first reads of new
/// resources that ARM has not yet replicated. Each run ends with the whole setup, as without them.
/// </summary>
public sealed class NewPrivateCacheTransientAnswersTests
{
    [Fact]
    public async Task AVirtualNetworkBusyWithAnotherOperationIsWrittenOnceItIsFree()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.Control.AddFaultAsync(new { method = "PUT", pathPattern = "*/virtualNetworks/vnet1", kind = "busy", count = 2 });

        await scenario.CreateAsync(WorkflowScenario.NewCache());

        var networkWrites = (await scenario.Control.RequestsAsync()).Where(r => r.Method == "PUT" && r.Path.EndsWith("/virtualNetworks/vnet1", StringComparison.OrdinalIgnoreCase)).Select(r => r.Status);
        Assert.Equal(new[] { 409, 409, 201 }, networkWrites);
        await AssertWholeSetupAsync(scenario);
    }

    [Fact]
    public async Task AnEndpointWhoseOperationFailsAsRetryableAfterTheSubnetWriteIsSentAgainAndCompletes()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.Control.AddFaultAsync(new { method = "PUT", pathPattern = "*/privateEndpoints/cache1-pe", kind = "lroRetryableError" });

        await scenario.CreateAsync(WorkflowScenario.NewCache());

        var endpointWrites = (await scenario.Control.RequestsAsync()).Count(r => r.Method == "PUT" && r.Path.EndsWith("/privateEndpoints/cache1-pe", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, endpointWrites);
        await AssertWholeSetupAsync(scenario);
    }

    [Theory]
    [InlineData("*/redis/cache1")]
    [InlineData("*/privateEndpoints/cache1-pe")]
    public async Task NewResourcesThatFirstRead404WhileARMReplicatesAreWaitedFor(string pathPattern)
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.Control.AddFaultAsync(new { method = "GET", pathPattern, kind = "notFoundAfterCreate", count = 2 });

        await scenario.CreateAsync(WorkflowScenario.NewCache());

        Assert.Empty(await scenario.Control.FaultsAsync());
        await AssertWholeSetupAsync(scenario);
    }

    private static async Task AssertWholeSetupAsync(WorkflowScenario scenario)
    {
        var cache = await scenario.RequireAsync<RedisCache>(scenario.CacheId());
        Assert.Equal("Succeeded", cache.Properties!.ProvisioningState);
        var endpoint = await scenario.RequireAsync<PrivateEndpoint>(scenario.EndpointId());
        Assert.Equal("Succeeded", endpoint.Properties!.ProvisioningState);
        Assert.NotNull(await scenario.Arm.GetAsync<ARecordSet>(scenario.ZoneId().Child("A", "cache1")));
    }
}

using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using RedisPrivateLink.Tests.Shared;
using static RedisPrivateLink.Integration.Tests.Workflows.WorkflowRefusals;

namespace RedisPrivateLink.Integration.Tests.Workflows;

public sealed class EndpointConnectionWorkflowTests
{
    [Fact]
    public async Task ApprovingAPendingConnectionApprovesItOnTheCacheAndTheEndpointGetsItsAddress()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await PrivateLinkArrangements.CreateCacheWithOnlyAPendingEndpointAsync(scenario);
        var connectionName = await PrivateLinkArrangements.ConnectionNameAsync(scenario, PrivateLinkArrangements.ManualEndpointName);
        Assert.Empty((await scenario.RequireAsync<PrivateEndpoint>(ManualEndpointId(scenario))).Properties!.CustomDnsConfigs!);
        await scenario.Control.ClearRequestsAsync();

        var prepared = await PrepareAsync(scenario, connectionName, approve: true, "Approved for the app team");
        var result = await WorkflowScenario.RunAsync(prepared);

        var step = Assert.Single(prepared.Plan.Steps);
        Assert.Equal($"Approve connection '{connectionName}' from private endpoint 'cache1-pe-vnet2' to cache 'cache1'", step.Description);
        Assert.Equal(StepOutcome.Updated, result[EndpointConnectionWorkflow.StepKey].Outcome);
        var write = Assert.Single(await scenario.Control.WritesAsync());
        Assert.Equal("PUT", write.Method);
        Assert.EndsWith("/privateEndpointConnections/" + connectionName, write.Path, StringComparison.OrdinalIgnoreCase);
        var state = (await ConnectionAsync(scenario, connectionName)).Properties!.PrivateLinkServiceConnectionState!;
        Assert.Equal(("Approved", "Approved for the app team"), (state.Status, state.Description));
        Assert.Equal("10.1.0.4", await scenario.EndpointAddressAsync(ManualEndpointId(scenario)));
    }

    [Fact]
    public async Task DenyingAConnectionRejectsIt()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await PrivateLinkArrangements.CreateCacheWithOnlyAPendingEndpointAsync(scenario);
        var connectionName = await PrivateLinkArrangements.ConnectionNameAsync(scenario, PrivateLinkArrangements.ManualEndpointName);

        var prepared = await PrepareAsync(scenario, connectionName, approve: false, "Unknown requester");
        await WorkflowScenario.RunAsync(prepared);

        Assert.StartsWith("Reject connection", Assert.Single(prepared.Plan.Steps).Description, StringComparison.Ordinal);
        var state = (await ConnectionAsync(scenario, connectionName)).Properties!.PrivateLinkServiceConnectionState!;
        Assert.Equal(("Rejected", "Unknown requester"), (state.Status, state.Description));
        Assert.Empty((await scenario.RequireAsync<PrivateEndpoint>(ManualEndpointId(scenario))).Properties!.CustomDnsConfigs!);
    }

    [Fact]
    public async Task ApprovingARejectedConnectionIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await PrivateLinkArrangements.CreateCacheWithOnlyAPendingEndpointAsync(scenario);
        var connectionName = await PrivateLinkArrangements.ConnectionNameAsync(scenario, PrivateLinkArrangements.ManualEndpointName);
        await WorkflowScenario.RunAsync(await PrepareAsync(scenario, connectionName, approve: false));

        var error = await AssertRefusedAsync(scenario, () => PrepareAsync(scenario, connectionName, approve: true), WorkflowErrorIds.ConnectionAlreadyRejected);

        Assert.Contains("delete the private endpoint and create it again", error.Message);
        Assert.Equal("Rejected", (await ConnectionAsync(scenario, connectionName)).Properties!.PrivateLinkServiceConnectionState!.Status);
    }

    [Fact]
    public async Task ApprovingAnApprovedConnectionWritesNothingAndSaysSo()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        var connectionName = await PrivateLinkArrangements.ConnectionNameAsync(scenario, "cache1-pe");
        var verbose = new RecordingReporter();
        using var reporting = OperationReporter.Use(verbose);

        await AssertNothingToDoAsync(scenario, () => PrepareAsync(scenario, connectionName.ToUpperInvariant(), approve: true));

        Assert.Contains($"Private endpoint connection '{connectionName}' of cache 'cache1' is already Approved: nothing to change.", verbose.VerboseLines);
    }

    [Fact]
    public async Task DenyingARejectedConnectionWritesNothing()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await PrivateLinkArrangements.CreateCacheWithOnlyAPendingEndpointAsync(scenario);
        var connectionName = await PrivateLinkArrangements.ConnectionNameAsync(scenario, PrivateLinkArrangements.ManualEndpointName);
        await WorkflowScenario.RunAsync(await PrepareAsync(scenario, connectionName, approve: false));

        await AssertNothingToDoAsync(scenario, () => PrepareAsync(scenario, connectionName, approve: false));
    }

    [Fact]
    public async Task OnceApprovedTheCacheCanCloseItsPublicAccess()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await PrivateLinkArrangements.CreateCacheWithOnlyAPendingEndpointAsync(scenario);
        var connectionName = await PrivateLinkArrangements.ConnectionNameAsync(scenario, PrivateLinkArrangements.ManualEndpointName);

        await WorkflowScenario.RunAsync(await PrepareAsync(scenario, connectionName, approve: true));
        var disabling = await PublicNetworkAccessWorkflow.PrepareAsync(scenario.Azure.Context, scenario.CacheId().ToString(), "Disabled", force: false, noWait: false, CancellationToken.None);
        await WorkflowScenario.RunAsync(disabling);

        Assert.Equal("Disabled", (await scenario.RequireAsync<RedisCache>(scenario.CacheId())).Properties!.PublicNetworkAccess);
    }

    [Fact]
    public async Task AMissingConnectionIsRefusedNamingTheCachesConnections()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        var connectionName = await PrivateLinkArrangements.ConnectionNameAsync(scenario, "cache1-pe");

        var error = await AssertRefusedAsync(scenario, () => PrepareAsync(scenario, "cache1-pe.nothere", approve: true), WorkflowErrorIds.PrivateEndpointConnectionNotFound);

        Assert.Contains($"'{connectionName}' (Approved)", error.Message);
    }

    [Fact]
    public async Task AMissingCacheIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync(WorkflowScenario.Group);

        await AssertRefusedAsync(scenario, () => PrepareAsync(scenario, "cache1-pe.0000", approve: false), MissingCache.ErrorId);
    }

    private static ResourceId ManualEndpointId(WorkflowScenario scenario) =>
        scenario.EndpointId(PrivateLinkArrangements.ManualEndpointName, PrivateLinkArrangements.ManualEndpointGroup);

    private static Task<PreparedWorkflow> PrepareAsync(WorkflowScenario scenario, string connectionName, bool approve, string? description = null) =>
        EndpointConnectionWorkflow.PrepareAsync(scenario.Azure.Context, scenario.CacheId().ToString(), connectionName, approve, description, CancellationToken.None);

    private static async Task<PrivateEndpointConnection> ConnectionAsync(WorkflowScenario scenario, string connectionName) =>
        await scenario.RequireAsync<PrivateEndpointConnection>(scenario.CacheId().Child("privateEndpointConnections", connectionName));
}

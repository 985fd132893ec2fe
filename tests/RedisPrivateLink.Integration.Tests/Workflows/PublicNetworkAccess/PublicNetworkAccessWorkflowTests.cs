using System.Text.Json.Nodes;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using RedisPrivateLink.Tests.Shared;
using static RedisPrivateLink.Integration.Tests.Workflows.WorkflowRefusals;

namespace RedisPrivateLink.Integration.Tests.Workflows;

public sealed class PublicNetworkAccessWorkflowTests
{
    [Fact]
    public async Task DisablingWaitsForTheUpdateAndChangesNothingElse()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(OpenCache());
        var before = await scenario.RequireAsync<RedisCache>(scenario.CacheId());
        await scenario.Control.ClearRequestsAsync();

        var prepared = await PrepareAsync(scenario, "Disabled");
        var result = await WorkflowScenario.RunAsync(prepared);

        var step = Assert.Single(prepared.Plan.Steps);
        Assert.Equal("Set public network access of cache 'cache1' to Disabled", step.Description);
        Assert.Equal(StepOutcome.Updated, result[PublicNetworkAccessWorkflow.StepKey].Outcome);
        Assert.Empty(prepared.Notices);
        var write = Assert.Single(await scenario.Control.WritesAsync());
        Assert.Equal(("PATCH", 202), (write.Method, write.Status));
        var after = await scenario.RequireAsync<RedisCache>(scenario.CacheId());
        Assert.Equal(("Disabled", "Succeeded"), (after.Properties!.PublicNetworkAccess, after.Properties.ProvisioningState));
        Assert.Equal(before.Properties!.MinimumTlsVersion, after.Properties.MinimumTlsVersion);
        Assert.Equal(before.Properties.EnableNonSslPort, after.Properties.EnableNonSslPort);
        Assert.Equal(before.Properties.Sku!.Name, after.Properties.Sku!.Name);
    }

    [Fact]
    public async Task WithNoWaitThePatchIsSentAndNotWaitedFor()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(OpenCache());
        await scenario.Control.ClearRequestsAsync();

        var result = await WorkflowScenario.RunAsync(await PublicNetworkAccessWorkflow.PrepareAsync(
            scenario.Azure.Context, scenario.CacheId().ToString(), "Disabled", force: false, noWait: true, CancellationToken.None));

        Assert.Contains("-NoWait", result[PublicNetworkAccessWorkflow.StepKey].Message);
        var requests = await scenario.Control.RequestsAsync();
        Assert.Equal(("PATCH", 202), (requests[^1].Method, requests[^1].Status));
        await WaitForAsync(async () => (await scenario.RequireAsync<RedisCache>(scenario.CacheId())).Properties!.PublicNetworkAccess == "Disabled");
    }

    [Fact]
    public async Task AlreadyInTheRequestedStateWritesNothingAndSaysSo()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        var verbose = new RecordingReporter();
        using var reporting = OperationReporter.Use(verbose);

        await AssertNothingToDoAsync(scenario, () => PrepareAsync(scenario, "disabled"));

        Assert.Contains("Public network access of cache 'cache1' is already Disabled: nothing to change.", verbose.VerboseLines);
    }

    [Fact]
    public async Task DisablingACacheWithoutPrivateEndpointsIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await PrivateLinkArrangements.CreateCacheWithoutEndpointsAsync(scenario);

        var error = await AssertRefusedAsync(scenario, () => PrepareAsync(scenario, "Disabled"), WorkflowErrorIds.CacheWouldBeUnreachable);

        Assert.Contains("reachable from nowhere", error.Message);
        Assert.Contains("Add-RedisPrivateEndpoint", error.Message);
        Assert.Contains("-Force", error.Message);
    }

    [Fact]
    public async Task DisablingACacheWhoseOnlyEndpointIsPendingIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await PrivateLinkArrangements.CreateCacheWithOnlyAPendingEndpointAsync(scenario);

        var error = await AssertRefusedAsync(scenario, () => PrepareAsync(scenario, "Disabled"), WorkflowErrorIds.CacheWouldBeUnreachable);

        Assert.Contains("Pending", error.Message);
        Assert.Contains("Approve-RedisPrivateEndpointConnection", error.Message);
    }

    [Fact]
    public async Task WithForceACacheWithoutPrivateEndpointsIsDisabledWithANotice()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await PrivateLinkArrangements.CreateCacheWithoutEndpointsAsync(scenario);

        var prepared = await PrepareAsync(scenario, "Disabled", force: true);
        await WorkflowScenario.RunAsync(prepared);

        Assert.Contains(prepared.Notices, n => n.Contains("no client can reach the cache", StringComparison.Ordinal));
        Assert.Equal("Disabled", (await scenario.RequireAsync<RedisCache>(scenario.CacheId())).Properties!.PublicNetworkAccess);
    }

    [Fact]
    public async Task EnablingACacheWithoutFirewallRulesWarnsThatAnyKeyHolderCanConnect()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());

        var prepared = await PrepareAsync(scenario, "Enabled");
        await WorkflowScenario.RunAsync(prepared);

        var notice = Assert.Single(prepared.Notices);
        Assert.StartsWith("Cache 'cache1' has no firewall rules: once public network access is Enabled, any address on the internet that holds an access key can connect", notice, StringComparison.Ordinal);
        Assert.Equal("Enabled", (await scenario.RequireAsync<RedisCache>(scenario.CacheId())).Properties!.PublicNetworkAccess);
    }

    [Fact]
    public async Task EnablingACacheWithFirewallRulesGivesNoNotice()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        await scenario.Arm.PutAsync(scenario.CacheId().Child("firewallRules", "office"),
            new JsonObject { ["properties"] = new JsonObject { ["startIP"] = "203.0.113.0", ["endIP"] = "203.0.113.255" } });

        var prepared = await PrepareAsync(scenario, "Enabled");
        await WorkflowScenario.RunAsync(prepared);

        Assert.Empty(prepared.Notices);
        Assert.Equal("Enabled", (await scenario.RequireAsync<RedisCache>(scenario.CacheId())).Properties!.PublicNetworkAccess);
    }

    [Fact]
    public async Task ACacheStillBeingCreatedIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync(WorkflowScenario.Group);
        await scenario.Arm.PutAsync(scenario.CacheId(), new RedisCache
        {
            Location = WorkflowScenario.Location,
            Properties = new RedisCacheProperties { Sku = new RedisSku { Name = "Standard", Family = "C", Capacity = 1 }, PublicNetworkAccess = "Enabled" },
        }, waitForCompletion: false);

        var error = await AssertRefusedAsync(scenario, () => PrepareAsync(scenario, "Disabled", force: true), WorkflowErrorIds.CacheNotReady);

        Assert.Contains("is Creating", error.Message);
    }

    [Fact]
    public async Task AnInvalidValueIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();

        await AssertRefusedAsync(scenario, () => PrepareAsync(scenario, "Private"), WorkflowErrorIds.InvalidPublicNetworkAccess);
    }

    [Fact]
    public async Task AMissingCacheIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync(WorkflowScenario.Group);

        await AssertRefusedAsync(scenario, () => PrepareAsync(scenario, "Disabled"), MissingCache.ErrorId);
    }

    private static NewPrivateCacheRequest OpenCache()
    {
        var request = WorkflowScenario.NewCache();
        request.PublicNetworkAccess = "Enabled";
        return request;
    }

    private static Task<PreparedWorkflow> PrepareAsync(WorkflowScenario scenario, string desired, bool force = false) =>
        PublicNetworkAccessWorkflow.PrepareAsync(scenario.Azure.Context, scenario.CacheId().ToString(), desired, force, noWait: false, CancellationToken.None);

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 100 && !await condition(); attempt++)
        {
            await Task.Delay(50);
        }

        Assert.True(await condition());
    }
}

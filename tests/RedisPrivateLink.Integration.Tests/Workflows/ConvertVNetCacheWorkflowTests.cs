using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.ConvertArrangements;

namespace RedisPrivateLink.Integration.Tests.Workflows;

public sealed class ConvertVNetCacheWorkflowTests
{
    [Fact]
    public async Task NewNameMovesConfigurationAndDataThenDeletesTheSourceAfterVerifying()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "orders-v1");

        var prepared = await PrepareAsync(s, NewNameRequest(s));
        await s.Control.ClearRequestsAsync();
        await WorkflowScenario.RunAsync(prepared);

        Assert.Equal(s.CacheId(Target), prepared.CacheId);
        Assert.Null(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        var target = await s.RequireAsync<RedisCache>(s.CacheId(Target));
        Assert.Null(target.Properties!.SubnetId);
        Assert.Equal("Disabled", target.Properties.PublicNetworkAccess);
        Assert.Equal(("Premium", "P", 1), (target.Properties.Sku!.Name, target.Properties.Sku.Family, target.Properties.Sku.Capacity));
        Assert.Equal("allkeys-lru", target.Properties.RedisConfiguration!["maxmemory-policy"]);
        Assert.Equal("payments", target.Tags!["team"]);
        Assert.Equal("verified", target.Tags["rpl-migration-stage"]);
        Assert.Equal("orders-v1", await FingerprintAsync(s, Target));
        var rule = await s.RequireAsync<ConvertChildResource>(s.CacheId(Target).Child("firewallRules", "office"));
        Assert.Equal("203.0.113.1", rule.Properties!.Value.GetProperty("startIP").GetString());
        var schedule = await s.RequireAsync<ConvertChildResource>(s.CacheId(Target).Child("patchSchedules", "default"));
        Assert.Equal("Sunday", schedule.Properties!.Value.GetProperty("scheduleEntries")[0].GetProperty("dayOfWeek").GetString());
        var address = await s.EndpointAddressAsync(s.EndpointId(Target + "-pe"));
        var record = await s.RequireAsync<ARecordSet>(s.ZoneId().Child("A", Target));
        Assert.Contains(address, record.Properties!.ARecords!.Select(a => a.Ipv4Address));

        var log = await s.Control.RequestsAsync();
        var delete = IndexOf(log, "DELETE", "/redis/" + Source);
        Assert.True(delete > IndexOf(log, "POST", $"/redis/{Target}/import"));
        Assert.True(delete > IndexOf(log, "PUT", $"/privateEndpoints/{Target}-pe"));
        Assert.True(delete > IndexOf(log, "PUT", "/privateDnsZoneGroups/default"));
    }

    [Fact]
    public async Task KeepSourceLeavesTheSourceInPlace()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        var request = NewNameRequest(s, "None");
        request.KeepSource = true;

        var prepared = await PrepareAsync(s, request);
        await WorkflowScenario.RunAsync(prepared);

        Assert.DoesNotContain(prepared.Plan.Steps, step => step.Key == ConvertVNetCacheWorkflow.DeleteSourceStepKey);
        Assert.NotNull(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        Assert.Equal("verified", (await s.RequireAsync<RedisCache>(s.CacheId(Target))).Tags!["rpl-migration-stage"]);
    }

    [Fact]
    public async Task ReuseNameWaitsForAzureToReleaseTheNameAndKeepsTheData()
    {
        await using var s = await WorkflowScenario.StartAsync(options => options.NameReleaseDelay = TimeSpan.FromMinutes(5));
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "orders-v2");

        var prepared = await PrepareAsync(s, ReuseNameRequest(s));
        await s.Control.ClearRequestsAsync();
        var result = await WorkflowScenario.RunAsync(prepared);

        var cache = await s.RequireAsync<RedisCache>(s.CacheId(Source));
        Assert.Null(cache.Properties!.SubnetId);
        Assert.Equal("Disabled", cache.Properties.PublicNetworkAccess);
        Assert.Equal("verified", cache.Tags!["rpl-migration-stage"]);
        Assert.Equal("orders-v2", await FingerprintAsync(s, Source));
        var log = await s.Control.RequestsAsync();
        Assert.Contains(log, e => e.Method == "PUT" && e.Path.EndsWith("/redis/" + Source, StringComparison.OrdinalIgnoreCase) && e.Status == 409);
        Assert.True(IndexOf(log, "DELETE", "/redis/" + Source) > IndexOf(log, "POST", $"/redis/{Source}/export"));
        Assert.Contains("retries", result[ConvertStepKeys.TargetCache].Message);
    }

    /// <summary>More server errors in a row than the gateway retries (six), so the step fails.</summary>
    private const int PersistentServerErrors = 7;

    [Theory]
    [InlineData("POST", "*/redis/private1/import", ConvertStepKeys.ImportData, false)]
    [InlineData("PUT", "*/redis/private1", ConvertStepKeys.TargetCache, false)]
    [InlineData("DELETE", "*/redis/legacy1", ConvertVNetCacheWorkflow.DeleteSourceStepKey, false)]
    [InlineData("POST", "*/redis/private1/import", ConvertStepKeys.ImportData, true)]
    [InlineData("PUT", "*/redis/private1", ConvertStepKeys.TargetCache, true)]
    [InlineData("DELETE", "*/redis/legacy1", ConvertVNetCacheWorkflow.DeleteSourceStepKey, true)]
    public async Task ARerunAfterAFailedStepFinishesWithoutExportingTwice(string method, string pathPattern, string failingStep, bool serverErrors)
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "orders-v3");
        if (serverErrors)
        {
            // An import is a POST, which the gateway does not send again after a 500 (it may have started): one fails the step.
            await s.Control.AddFaultAsync(new { method, pathPattern, kind = "status", status = 500, count = method == "POST" ? 1 : PersistentServerErrors });
        }
        else
        {
            await s.Control.FailOperationAsync(method, pathPattern);
        }

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => MigrateAsync(s, NewNameRequest(s)));
        Assert.Equal(failingStep, failure.FailedStep.Key);
        Assert.NotNull(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        Assert.Empty(await s.Control.FaultsAsync());

        await s.Control.ClearRequestsAsync();
        await MigrateAsync(s, NewNameRequest(s));

        Assert.Null(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        Assert.Equal("orders-v3", await FingerprintAsync(s, Target));
        var log = await s.Control.RequestsAsync();
        var exportedByTheFailedRun = failingStep != ConvertStepKeys.TargetCache;
        Assert.Equal(exportedByTheFailedRun, IndexOf(log, "POST", $"/redis/{Source}/export") < 0);
        Assert.True(IndexOf(log, "DELETE", "/redis/" + Source) > IndexOf(log, "PATCH", "/redis/" + Target));
    }
    [Fact]
    public async Task ThePlanCreatesTheTargetBeforeMovingDataAndDeletesTheSourceLast()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);

        var prepared = await PrepareAsync(s, NewNameRequest(s));

        Assert.Equal(
            new[] { StepKeys.Network, StepKeys.PrivateDnsZone, StepKeys.ZoneLink, ConvertStepKeys.TargetCache, ConvertStepKeys.TargetSettings, StepKeys.PrivateEndpoint, StepKeys.DnsZoneGroup, ConvertStepKeys.ExportSource, ConvertStepKeys.ImportData, ConvertStepKeys.VerifyTarget, ConvertVNetCacheWorkflow.DeleteSourceStepKey },
            prepared.Plan.Describe().Select(step => step.Key));
        Assert.Equal("Delete", prepared.Plan.Steps.Single(step => step.Key == ConvertVNetCacheWorkflow.DeleteSourceStepKey).Action);
    }

    [Fact]
    public async Task AFinishedMigrationRunAgainChangesNothing()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await MigrateAsync(s, NewNameRequest(s));
        await s.Control.ClearRequestsAsync();

        var result = await MigrateAsync(s, NewNameRequest(s));

        Assert.Equal(StepOutcome.Skipped, result[ConvertStepKeys.ImportData].Outcome);
        Assert.DoesNotContain(result.Steps, step => step.Key is ConvertVNetCacheWorkflow.DeleteSourceStepKey or ConvertStepKeys.ExportSource);
        Assert.Empty(await s.Control.WritesAsync());
    }
}

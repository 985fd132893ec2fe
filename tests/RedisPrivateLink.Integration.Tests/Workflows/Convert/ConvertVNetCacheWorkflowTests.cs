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
        AssertCompletedTags(s, target.Tags);
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

        Assert.DoesNotContain(prepared.Plan.Steps, step => step.Key == ConvertStepKeys.DeleteSource);
        Assert.NotNull(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        AssertCompletedTags(s, (await s.RequireAsync<RedisCache>(s.CacheId(Target))).Tags);
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
        AssertCompletedTags(s, cache.Tags);
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
    [InlineData("DELETE", "*/redis/legacy1", ConvertStepKeys.DeleteSource, false)]
    [InlineData("POST", "*/redis/private1/import", ConvertStepKeys.ImportData, true)]
    [InlineData("PUT", "*/redis/private1", ConvertStepKeys.TargetCache, true)]
    [InlineData("DELETE", "*/redis/legacy1", ConvertStepKeys.DeleteSource, true)]
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
            new[] { StepKeys.Network, StepKeys.PrivateDnsZone, StepKeys.ZoneLink, ConvertStepKeys.TargetCache, ConvertStepKeys.TargetSettings, StepKeys.PrivateEndpoint, StepKeys.DnsZoneGroup, ConvertStepKeys.ExportSource, ConvertStepKeys.ImportData, ConvertStepKeys.VerifyTarget, ConvertStepKeys.DeleteSource, ConvertStepKeys.CompleteMigration },
            prepared.Plan.Describe().Select(step => step.Key));
        Assert.Equal("Delete", prepared.Plan.Steps.Single(step => step.Key == ConvertStepKeys.DeleteSource).Action);
    }

    [Fact]
    public async Task AFinishedMigrationRunAgainChangesNothing()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await MigrateAsync(s, NewNameRequest(s));
        await s.Control.ClearRequestsAsync();

        var prepared = await PrepareAsync(s, NewNameRequest(s));
        var result = await WorkflowScenario.RunAsync(prepared);

        // Complete: the source gone and the bookkeeping tags removed, so the plan only verifies, reading.
        Assert.Equal(new[] { ConvertStepKeys.VerifyTarget }, result.Steps.Select(step => step.Key));
        Assert.Contains(prepared.Notices, notice => notice.Contains("is complete", StringComparison.Ordinal));
        Assert.Empty(await s.Control.WritesAsync());
        AssertCompletedTags(s, (await s.RequireAsync<RedisCache>(s.CacheId(Target))).Tags);
    }

    [Fact]
    public async Task ARunStoppedBeforeTheBookkeepingTagsWereRemovedRemovesThemOnTheRerun()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        // Armed as the last step starts: the import's step writes the same Tags API resource before it.
        var prepared = await PrepareAsync(s, NewNameRequest(s));
        var armed = new StepStartReporter(prepared.Plan.Steps.Single(step => step.Key == ConvertStepKeys.CompleteMigration),
            () => s.Control.AddFaultAsync(new { method = "PATCH", pathPattern = $"*/redis/{Target}/providers/Microsoft.Resources/tags/default", kind = "status", status = 403, count = 1 }));
        PlanStepFailedException failure;
        using (RedisPrivateLink.Engine.Diagnostics.OperationReporter.Use(armed))
        {
            failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => WorkflowScenario.RunAsync(prepared));
        }

        Assert.Equal(ConvertStepKeys.CompleteMigration, failure.FailedStep.Key);
        Assert.Null(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        Assert.Equal("verified", (await s.RequireAsync<RedisCache>(s.CacheId(Target))).Tags!["rpl-migration-stage"]);

        await s.Control.ClearRequestsAsync();
        var result = await MigrateAsync(s, NewNameRequest(s));

        Assert.Equal(StepOutcome.Updated, result[ConvertStepKeys.CompleteMigration].Outcome);
        AssertCompletedTags(s, (await s.RequireAsync<RedisCache>(s.CacheId(Target))).Tags);
        var write = Assert.Single(await s.Control.WritesAsync());
        Assert.Equal("PATCH", write.Method);
        Assert.EndsWith("/providers/Microsoft.Resources/tags/default", write.Path, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheUsersOwnTagsStayWhenTheBookkeepingTagsAreRemoved()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);

        // A tag someone adds to the target while the migration runs is theirs too; the removal names only the bookkeeping.
        var prepared = await PrepareAsync(s, NewNameRequest(s));
        async Task AddOwnerTagAsync()
        {
            var tags = new Dictionary<string, string>((await s.RequireAsync<RedisCache>(s.CacheId(Target))).Tags!) { ["owner"] = "ops" };
            await s.Arm.PatchAsync<RedisCache>(s.CacheId(Target), new { tags });
        }

        var armed = new StepStartReporter(prepared.Plan.Steps.Single(step => step.Key == ConvertStepKeys.CompleteMigration), AddOwnerTagAsync);
        using (RedisPrivateLink.Engine.Diagnostics.OperationReporter.Use(armed))
        {
            await WorkflowScenario.RunAsync(prepared);
        }

        var tags = (await s.RequireAsync<RedisCache>(s.CacheId(Target))).Tags!;
        Assert.Equal(("ops", "payments", s.CacheId(Source).ToString()), (tags["owner"], tags["team"], tags["rpl-migration-source"]));
        Assert.DoesNotContain(tags.Keys, name => name.StartsWith("rpl-migration-", StringComparison.Ordinal) && name != "rpl-migration-source");
    }

    [Fact]
    public async Task KeepSourceCompletesTheMigrationAndARunWithoutKeepSourceThenDeletesTheSource()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "orders-v4");
        var keeping = NewNameRequest(s);
        keeping.KeepSource = true;
        await MigrateAsync(s, keeping);
        AssertCompletedTags(s, (await s.RequireAsync<RedisCache>(s.CacheId(Target))).Tags);

        await s.Control.ClearRequestsAsync();
        await MigrateAsync(s, keeping);
        Assert.Empty(await s.Control.WritesAsync());

        // The complete target counts as verified: the later run deletes the source without exporting or importing again.
        await s.Control.ClearRequestsAsync();
        var result = await MigrateAsync(s, NewNameRequest(s));
        Assert.Equal(StepOutcome.Deleted, result[ConvertStepKeys.DeleteSource].Outcome);
        Assert.Equal(new[] { ("DELETE", true) }, (await s.Control.WritesAsync()).Select(w => (w.Method, w.Path.EndsWith("/redis/" + Source, StringComparison.OrdinalIgnoreCase))));
        Assert.Equal("orders-v4", await FingerprintAsync(s, Target));
        AssertCompletedTags(s, (await s.RequireAsync<RedisCache>(s.CacheId(Target))).Tags);
    }

    [Fact]
    public async Task KeepSourceNeedsNoDataMigrationChoice()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        var request = NewNameRequest(s, "None");
        (request.DataMigration, request.KeepSource) = (null, true);

        var prepared = await PrepareAsync(s, request);
        await WorkflowScenario.RunAsync(prepared);

        Assert.DoesNotContain(prepared.Plan.Steps, step => step.Key is ConvertStepKeys.ExportSource or ConvertStepKeys.DeleteSource);
        Assert.NotNull(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        AssertCompletedTags(s, (await s.RequireAsync<RedisCache>(s.CacheId(Target))).Tags);
    }

    [Fact]
    public async Task DataMigrationNoneSaysInThePlanThatTheSourcesDataIsLost()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);

        var prepared = await PrepareAsync(s, NewNameRequest(s, "None"));

        Assert.Contains("its data is lost", prepared.Plan.Steps.Single(step => step.Key == ConvertStepKeys.DeleteSource).Description, StringComparison.Ordinal);
        Assert.Contains(prepared.Notices, notice => notice.StartsWith("-DataMigration None", StringComparison.Ordinal));
    }
}

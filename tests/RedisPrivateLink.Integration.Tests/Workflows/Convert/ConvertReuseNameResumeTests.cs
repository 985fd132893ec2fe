using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.ConvertArrangements;

namespace RedisPrivateLink.Integration.Tests.Workflows;

public sealed class ConvertReuseNameResumeTests
{
    [Theory]
    [InlineData("POST", "*/redis/legacy1/export", ConvertStepKeys.ExportSource)]
    [InlineData("DELETE", "*/redis/legacy1", ConvertStepKeys.DeleteSource)]
    [InlineData("PUT", "*/redis/legacy1", ConvertStepKeys.TargetCache)]
    [InlineData("POST", "*/redis/legacy1/import", ConvertStepKeys.ImportData)]
    public async Task ARerunAfterAFailedStepRecreatesTheCacheWithItsData(string method, string pathPattern, string failingStep)
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "sessions-v1");
        await s.Control.FailOperationAsync(method, pathPattern);

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => MigrateAsync(s, ReuseNameRequest(s)));
        Assert.Equal(failingStep, failure.FailedStep.Key);

        await s.Control.ClearRequestsAsync();
        await MigrateAsync(s, ReuseNameRequest(s));

        var cache = await s.RequireAsync<RedisCache>(s.CacheId(Source));
        Assert.Null(cache.Properties!.SubnetId);
        AssertCompletedTags(s, cache.Tags);
        Assert.Equal("sessions-v1", await FingerprintAsync(s, Source));
        Assert.NotNull(await s.Arm.GetAsync<ConvertChildResource>(s.CacheId(Source).Child("firewallRules", "office")));
        Assert.NotNull(await s.Arm.GetAsync<ConvertChildResource>(s.CacheId(Source).Child("patchSchedules", "default")));
        var log = await s.Control.RequestsAsync();
        Assert.Equal(failingStep == ConvertStepKeys.ExportSource, IndexOf(log, "POST", $"/redis/{Source}/export") >= 0);
    }

    [Fact]
    public async Task TheRecreatedCacheKeepsTheCopiedSettings()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);

        var prepared = await PrepareAsync(s, ReuseNameRequest(s));
        await WorkflowScenario.RunAsync(prepared);

        Assert.Equal(
            new[] { StepKeys.Network, StepKeys.PrivateDnsZone, StepKeys.ZoneLink, ConvertStepKeys.ExportSource, ConvertStepKeys.RecordTarget, ConvertStepKeys.DeleteSource, ConvertStepKeys.TargetCache, ConvertStepKeys.TargetSettings, StepKeys.PrivateEndpoint, StepKeys.DnsZoneGroup, ConvertStepKeys.ImportData, ConvertStepKeys.VerifyTarget, ConvertStepKeys.CompleteMigration },
            prepared.Plan.Describe().Select(step => step.Key));
        Assert.NotNull(await s.Arm.GetAsync<ConvertChildResource>(s.CacheId(Source).Child("firewallRules", "office")));
        Assert.NotNull(await s.Arm.GetAsync<ConvertChildResource>(s.CacheId(Source).Child("patchSchedules", "default")));
        Assert.Equal("allkeys-lru", (await s.RequireAsync<RedisCache>(s.CacheId(Source))).Properties!.RedisConfiguration!["maxmemory-policy"]);

        // The settings tags carried the firewall rule and schedule across the deletion; complete, they are gone.
        AssertCompletedTags(s, (await s.RequireAsync<RedisCache>(s.CacheId(Source))).Tags);
        await s.Control.ClearRequestsAsync();
        var rerun = await PrepareAsync(s, ReuseNameRequest(s));
        await WorkflowScenario.RunAsync(rerun);
        Assert.Equal(new[] { ConvertStepKeys.VerifyTarget }, rerun.Plan.Steps.Select(step => step.Key));
        Assert.Empty(await s.Control.WritesAsync());
    }

    [Fact]
    public async Task ReuseNameWithoutDataMigrationWarnsThatTheDataIsLost()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        var request = ReuseNameRequest(s);
        (request.DataMigration, request.StorageContainerUri) = ("None", null);

        var prepared = await PrepareAsync(s, request);

        Assert.Contains(prepared.Notices, n => n.Contains("is lost", StringComparison.Ordinal));
        Assert.DoesNotContain(prepared.Plan.Steps, step => step.Key is ConvertStepKeys.ExportSource or ConvertStepKeys.ImportData);
    }
}

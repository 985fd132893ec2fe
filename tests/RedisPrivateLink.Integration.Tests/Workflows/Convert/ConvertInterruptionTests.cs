using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.ConvertArrangements;

namespace RedisPrivateLink.Integration.Tests.Workflows;

public sealed class ConvertInterruptionTests
{
    [Fact]
    public async Task CtrlCAfterTheSourceIsDeletedLeavesWhatARerunNeedsToFinish()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "carts-v1");

        // Ctrl+C while the new cache is being created: the source is gone and the new cache has none of its settings yet.
        using var ctrlC = new ConvertCancellingReporter("Azure takes 15-30 minutes to create a cache");
        var options = new PlanRunOptions { Reporter = ctrlC };

        var interruption = await Record.ExceptionAsync(async () => await PlanExecutor.RunAsync((await PrepareAsync(s, ReuseNameRequest(s))).Plan, options, ctrlC.Token));
        Assert.IsAssignableFrom<OperationCanceledException>(interruption);
        Assert.Null((await s.RequireAsync<RedisCache>(s.CacheId(Source))).Properties!.SubnetId);
        Assert.Null(await s.Arm.GetAsync<ConvertChildResource>(s.CacheId(Source).Child("firewallRules", "office")));

        await MigrateAsync(s, ReuseNameRequest(s));

        Assert.NotNull(await s.Arm.GetAsync<ConvertChildResource>(s.CacheId(Source).Child("firewallRules", "office")));
        Assert.NotNull(await s.Arm.GetAsync<ConvertChildResource>(s.CacheId(Source).Child("patchSchedules", "default")));
        Assert.Equal("carts-v1", await FingerprintAsync(s, Source));
        AssertCompletedTags(s, (await s.RequireAsync<RedisCache>(s.CacheId(Source))).Tags);
    }

    [Fact]
    public async Task DecliningTheDeletionKeepsTheSourceUntilARerunIsConfirmed()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        var declineDelete = new PlanRunOptions { ShouldProcess = step => Task.FromResult(step.Key != ConvertStepKeys.DeleteSource) };

        await Record.ExceptionAsync(async () => await PlanExecutor.RunAsync((await PrepareAsync(s, NewNameRequest(s))).Plan, declineDelete));
        Assert.NotNull(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        Assert.Equal("verified", (await s.RequireAsync<RedisCache>(s.CacheId(Target))).Tags!["rpl-migration-stage"]);

        await s.Control.ClearRequestsAsync();
        var result = await MigrateAsync(s, NewNameRequest(s));

        Assert.Equal(StepOutcome.Deleted, result[ConvertStepKeys.DeleteSource].Outcome);
        Assert.Equal(StepOutcome.Skipped, result[ConvertStepKeys.ExportSource].Outcome);
        Assert.Null(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        AssertCompletedTags(s, (await s.RequireAsync<RedisCache>(s.CacheId(Target))).Tags);
    }
}

using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.ConvertArrangements;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// -ReuseName between the source's deletion and Azure accepting the new cache: the new cache's definition is recorded
/// on the resource group first, so a re-run that finds neither cache still recreates it, and the record goes once the
/// new cache exists.
/// </summary>
public sealed class ConvertReuseNameRecordTests
{
    private const string RecordPrefix = "rpl-migration-target-" + Source + "-";

    /// <summary>More server errors in a row than the gateway retries (six), so Azure never accepts the create.</summary>
    private const int PersistentServerErrors = 7;

    [Fact]
    public async Task ARunStoppedAfterTheDeletionIsFinishedFromTheRecordOnTheResourceGroup()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await SetGroupTagAsync(s, "costCenter", "4711");
        await SetFingerprintAsync(s, Source, "carts-v3");
        await s.Control.AddFaultAsync(new { method = "PUT", pathPattern = $"*/redis/{Source}", kind = "status", status = 500, count = PersistentServerErrors });

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => MigrateAsync(s, ReuseNameRequest(s)));

        Assert.Equal(ConvertStepKeys.TargetCache, failure.FailedStep.Key);
        Assert.Null(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        Assert.NotEmpty(RecordTags(await GroupTagsAsync(s)));

        var prepared = await PrepareAsync(s, ReuseNameRequest(s));
        await WorkflowScenario.RunAsync(prepared);

        Assert.Contains(prepared.Notices, n => n.Contains("recorded on resource group", StringComparison.Ordinal));
        Assert.DoesNotContain(prepared.Plan.Steps, step => step.Key is ConvertStepKeys.ExportSource or ConvertStepKeys.DeleteSource or ConvertStepKeys.RecordTarget);
        var cache = await s.RequireAsync<RedisCache>(s.CacheId(Source));
        Assert.Null(cache.Properties!.SubnetId);
        Assert.Equal("Disabled", cache.Properties.PublicNetworkAccess);
        Assert.Equal("allkeys-lru", cache.Properties.RedisConfiguration!["maxmemory-policy"]);
        AssertCompletedTags(s, cache.Tags);
        Assert.Equal("carts-v3", await FingerprintAsync(s, Source));
        Assert.NotNull(await s.Arm.GetAsync<ConvertChildResource>(s.CacheId(Source).Child("firewallRules", "office")));
        Assert.NotNull(await s.Arm.GetAsync<ConvertChildResource>(s.CacheId(Source).Child("patchSchedules", "default")));
        var groupTags = await GroupTagsAsync(s);
        Assert.Empty(RecordTags(groupTags));
        Assert.Equal("4711", groupTags["costCenter"]);
    }

    [Fact]
    public async Task AzureHoldingTheNamePastTheLimitStopsWithTheRecordInPlaceAndARerunFinishes()
    {
        // At the emulator's pace (a thousandth of Azure's) the 30-minute limit is 1.8 s, and the name is held 5.4 s.
        await using var s = await WorkflowScenario.StartAsync(options => options.NameReleaseDelay = TimeSpan.FromMinutes(90));
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "carts-v4");

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => MigrateAsync(s, ReuseNameRequest(s)));

        Assert.Equal(WorkflowErrorIds.CacheNameStillHeld, Assert.IsType<RedisPrivateLinkException>(failure.InnerException).ErrorId);
        Assert.Contains("recorded on resource group", failure.InnerException!.Message, StringComparison.Ordinal);
        Assert.NotEmpty(RecordTags(await GroupTagsAsync(s)));

        await WaitUntilNameIsFreeAsync(s);
        await MigrateAsync(s, ReuseNameRequest(s));

        AssertCompletedTags(s, (await s.RequireAsync<RedisCache>(s.CacheId(Source))).Tags);
        Assert.Equal("carts-v4", await FingerprintAsync(s, Source));
        Assert.Empty(RecordTags(await GroupTagsAsync(s)));
    }

    [Fact]
    public async Task CtrlCWhileAzureHoldsTheNameLeavesTheRecordForARerun()
    {
        await using var s = await WorkflowScenario.StartAsync(options => options.NameReleaseDelay = TimeSpan.FromMinutes(5));
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "carts-v5");
        using var ctrlC = new ConvertCancellingReporter("still holds the name");

        var interruption = await Record.ExceptionAsync(async () =>
            await PlanExecutor.RunAsync((await PrepareAsync(s, ReuseNameRequest(s))).Plan, new PlanRunOptions { Reporter = ctrlC }, ctrlC.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(interruption);
        Assert.Null(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        Assert.NotEmpty(RecordTags(await GroupTagsAsync(s)));

        await MigrateAsync(s, ReuseNameRequest(s));

        AssertCompletedTags(s, (await s.RequireAsync<RedisCache>(s.CacheId(Source))).Tags);
        Assert.Equal("carts-v5", await FingerprintAsync(s, Source));
        Assert.Empty(RecordTags(await GroupTagsAsync(s)));
    }

    [Fact]
    public async Task TheSourceIsNotDeletedWhenTheRecordIsGoneByThen()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        var removeRecord = new StepEndedReporter("Record the configuration", () =>
        {
            var tags = GroupTagsAsync(s).GetAwaiter().GetResult();
            s.Arm.PatchAsync<TagsResource>(TagsId(s), new { operation = "Delete", properties = new { tags } }).GetAwaiter().GetResult();
        });

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(async () =>
            await PlanExecutor.RunAsync((await PrepareAsync(s, ReuseNameRequest(s))).Plan, new PlanRunOptions { Reporter = removeRecord }));

        Assert.Equal(ConvertStepKeys.DeleteSource, failure.FailedStep.Key);
        Assert.Equal(WorkflowErrorIds.MigrationTargetNotVerified, Assert.IsType<RedisPrivateLinkException>(failure.InnerException).ErrorId);
        Assert.NotNull((await s.RequireAsync<RedisCache>(s.CacheId(Source))).Properties!.SubnetId);
    }

    [Fact]
    public async Task TheRecordIsWrittenBeforeTheDeletionAndRemovedOnceTheTargetIsAccepted()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await s.Control.ClearRequestsAsync();

        await MigrateAsync(s, ReuseNameRequest(s));

        var log = await s.Control.RequestsAsync();
        var tagWrites = log.Select((entry, index) => (entry, index))
            .Where(e => e.entry.Method == "PATCH" && e.entry.Path.EndsWith($"/resourceGroups/{WorkflowScenario.Group}/providers/Microsoft.Resources/tags/default", StringComparison.OrdinalIgnoreCase))
            .Select(e => e.index)
            .ToList();
        Assert.Equal(2, tagWrites.Count);
        Assert.True(tagWrites[0] < IndexOf(log, "DELETE", "/redis/" + Source));
        Assert.True(tagWrites[1] > IndexOf(log, "PUT", "/redis/" + Source));
        Assert.Empty(RecordTags(await GroupTagsAsync(s)));
    }

    [Fact]
    public async Task AResourceGroupWithNoRoomForTheRecordIsRefusedBeforeAnyWrite()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await s.Arm.PatchAsync<TagsResource>(TagsId(s), new
        {
            operation = "Merge",
            properties = new { tags = Enumerable.Range(0, 49).ToDictionary(i => $"label{i}", i => "x") },
        });
        await s.Control.ClearRequestsAsync();

        var error = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => PrepareAsync(s, ReuseNameRequest(s)));

        Assert.Equal(WorkflowErrorIds.MigrationRecordDoesNotFit, error.ErrorId);
        Assert.Contains("-NewName", error.Message, StringComparison.Ordinal);
        Assert.Empty(await s.Control.WritesAsync());
    }

    [Fact]
    public async Task AnEditedRecordIsRefusedBeforeAnyWrite()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await s.CreateGroupAsync(WorkflowScenario.Group);
        await SetGroupTagAsync(s, RecordPrefix + "0", "not a record");
        await s.Control.ClearRequestsAsync();

        var error = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => PrepareAsync(s, ReuseNameRequest(s)));

        Assert.Equal(WorkflowErrorIds.MigrationRecordUnreadable, error.ErrorId);
        Assert.Empty(await s.Control.WritesAsync());
    }

    private static ResourceId TagsId(WorkflowScenario s) =>
        ResourceId.ForResource(s.Subscription, WorkflowScenario.Group, "Microsoft.Resources/tags", "default");

    private static async Task SetGroupTagAsync(WorkflowScenario s, string name, string value) =>
        await s.Arm.PatchAsync<TagsResource>(TagsId(s), new { operation = "Merge", properties = new { tags = new Dictionary<string, string> { [name] = value } } });

    private static async Task<IDictionary<string, string>> GroupTagsAsync(WorkflowScenario s) =>
        (await s.RequireAsync<TagsResource>(TagsId(s))).Properties?.Tags ?? new Dictionary<string, string>();

    private static List<string> RecordTags(IDictionary<string, string> tags) =>
        tags.Keys.Where(name => name.StartsWith(RecordPrefix, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>Waits for the emulator to release the deleted cache's name, as a user would before running again.</summary>
    private static async Task WaitUntilNameIsFreeAsync(WorkflowScenario s)
    {
        var path = $"/subscriptions/{s.Subscription}/providers/Microsoft.Cache/CheckNameAvailability";
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            try
            {
                await s.Arm.PostActionAsync(path, new { name = Source, type = "Microsoft.Cache/redis" }, cancellationToken: timeout.Token);
                return;
            }
            catch (ArmException e) when (e.Status == 409)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
            }
        }
    }

    /// <summary>Runs an action the moment a step whose description starts with the given text ends.</summary>
    private sealed class StepEndedReporter(string descriptionStart, Action onEnded) : IOperationReporter
    {
        public void Verbose(string message)
        {
        }

        public void Debug(string message)
        {
        }

        public void Warning(string message)
        {
        }

        public void Progress(ProgressUpdate update)
        {
            if (update.Completed && update.Activity.StartsWith(descriptionStart, StringComparison.Ordinal))
            {
                onEnded();
            }
        }
    }
}

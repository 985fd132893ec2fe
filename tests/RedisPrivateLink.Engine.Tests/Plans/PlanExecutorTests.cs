using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Tests.Shared;
using Xunit;
using static RedisPrivateLink.Engine.Tests.Plans.TestSteps;

namespace RedisPrivateLink.Engine.Tests.Plans;

public sealed class PlanExecutorTests
{
    private readonly RecordingReporter _reporter = new();

    [Fact]
    public async Task DependentStepWaitsForItsDependency()
    {
        var network = new GatedWork();
        var endpoint = new GatedWork();
        var run = PlanExecutor.RunAsync(PlanOf(Gated("network", network), Gated("endpoint", endpoint, "network")), Options());

        await network.Started.Guarded();
        Assert.False(endpoint.HasStarted);

        network.Release();
        await endpoint.Started.Guarded();
        endpoint.Release();
        var result = await run.Guarded();

        Assert.Equal(new[] { "network", "endpoint" }, result.Steps.Select(step => step.Key));
        Assert.All(result.Steps, step => Assert.Equal(StepOutcome.Created, step.Outcome));
    }

    [Fact]
    public async Task IndependentStepsRunConcurrently()
    {
        var zone = new GatedWork();
        var cache = new GatedWork();
        var run = PlanExecutor.RunAsync(PlanOf(Gated("zone", zone), Gated("cache", cache)), Options());

        // Each step waits for its release, so both can only have started if they run at the same time.
        await Task.WhenAll(zone.Started, cache.Started).Guarded();

        zone.Release();
        cache.Release();
        await run.Guarded();
    }

    [Fact]
    public async Task MaxConcurrencyBoundsHowManyStepsRunAtOnce()
    {
        var works = Enumerable.Range(0, 5).Select(_ => new GatedWork()).ToArray();
        var running = 0;
        var peak = 0;
        var steps = works.Select((work, i) => Step($"s{i}", async (context, token) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            try
            {
                return await work.RunAsync(context, token);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        })).ToArray();
        var options = Options();
        options.MaxConcurrency = 2;

        var run = PlanExecutor.RunAsync(PlanOf(steps), options);

        await Task.WhenAll(works[0].Started, works[1].Started).Guarded();
        Assert.Equal(2, works.Count(work => work.HasStarted));
        foreach (var work in works)
        {
            work.Release();
        }

        var result = await run.Guarded();
        Assert.Equal(2, peak);
        Assert.Equal(5, result.Steps.Count(step => step.Outcome == StepOutcome.Created));
    }

    [Fact]
    public void MaxConcurrencyMustBePositive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlanRunOptions { MaxConcurrency = 0 });

    [Fact]
    public async Task WhatIfAsksAboutEveryStepInOrderAndRunsNothing()
    {
        var ran = 0;
        Task<StepResult> Work(StepContext context, CancellationToken token)
        {
            Interlocked.Increment(ref ran);
            return Task.FromResult(StepResult.Created());
        }

        var plan = PlanOf(Step("endpoint", Work, "cache"), Step("group", Work), Step("cache", Work, "group"));
        var asked = new List<string>();
        var options = Options();
        options.ShouldProcess = step =>
        {
            asked.Add(step.Description);
            return Task.FromResult(false);
        };

        var result = await PlanExecutor.RunAsync(plan, options).Guarded();

        Assert.Equal(new[] { "Create resource 'group'", "Create resource 'cache'", "Create resource 'endpoint'" }, asked);
        Assert.Equal(0, ran);
        Assert.All(result.Steps, step => Assert.Equal(StepOutcome.Skipped, step.Outcome));
        Assert.Empty(_reporter.ProgressUpdates);
        Assert.Empty(_reporter.VerboseLines);
    }

    [Fact]
    public async Task DeclinedStepSkipsItsDependentsAndOthersStillRun()
    {
        var ran = new ConcurrentBag<string>();
        PlanStep Recorded(string key, params string[] dependsOn) => Step(key, (context, _) =>
        {
            ran.Add(context.Step.Key);
            return Task.FromResult(StepResult.Created());
        }, dependsOn);

        var asked = new List<string>();
        var options = Options();
        options.ShouldProcess = step =>
        {
            asked.Add(step.Key);
            return Task.FromResult(step.Key != "link");
        };

        var result = await PlanExecutor.RunAsync(PlanOf(Recorded("zone"), Recorded("link", "zone"), Recorded("endpoint", "link"), Recorded("cache")), options).Guarded();

        Assert.Equal(new[] { "zone", "link", "endpoint", "cache" }, asked);
        Assert.Equal(new[] { "cache", "zone" }, ran.OrderBy(key => key));
        Assert.Equal(StepOutcome.Skipped, result["link"].Outcome);
        Assert.Equal("Not run: declined.", result["link"].Message);
        Assert.Equal(StepOutcome.Skipped, result["endpoint"].Outcome);
        Assert.Equal("Not run: it depends on 'Create resource 'link'', which was not run.", result["endpoint"].Message);
        Assert.Equal(StepOutcome.Created, result["zone"].Outcome);
        Assert.Equal(StepOutcome.Created, result["cache"].Outcome);
    }

    [Fact]
    public async Task FailureStartsNoNewStepsLetsRunningOnesFinishAndNamesTheStep()
    {
        var group = new GatedWork();
        var slow = new GatedWork();
        var queued = new GatedWork();
        var boom = new InvalidOperationException("The subnet has network policies enabled.");
        var plan = PlanOf(
            Gated("group", group),
            Gated("slow", slow, "group"),
            Step("endpoint", (_, _) => throw boom, "group"),
            Instant("zonegroup", "endpoint"),
            Gated("queued", queued, "group"));
        var options = Options();
        options.MaxConcurrency = 2;
        // The executor reports the failure as soon as it has recorded it; only then may the slow step finish, so the
        // test proves the freed slot is not used for the queued step.
        _reporter.VerboseWritten += line =>
        {
            if (line.Contains("failed", StringComparison.Ordinal))
            {
                slow.Release();
            }
        };

        var run = PlanExecutor.RunAsync(plan, options);
        await group.Started.Guarded();
        group.Release();

        var error = await Assert.ThrowsAsync<PlanStepFailedException>(() => run.Guarded());

        Assert.False(queued.HasStarted);
        Assert.Same(boom, error.InnerException);
        Assert.Equal("PlanStepFailed", error.ErrorId);
        Assert.Equal("endpoint", error.FailedStep.Key);
        Assert.Equal(new[] { "group", "slow" }, error.Completed.Select(result => result.Key));
        Assert.Equal(new[] { "zonegroup", "queued" }, error.NotRun.Select(step => step.Key));
        Assert.Equal(
            "Step 'Create resource 'endpoint'' failed: The subnet has network policies enabled. Steps completed: Create resource 'group', Create resource 'slow'. Nothing was rolled back; run the same command again to continue from here.",
            error.Message);
    }

    [Fact]
    public async Task FailureOfTheFirstStepReportsNoCompletedSteps()
    {
        var plan = PlanOf(Step("group", (_, _) => throw new InvalidOperationException("Denied")), Instant("vnet", "group"));

        var error = await Assert.ThrowsAsync<PlanStepFailedException>(() => PlanExecutor.RunAsync(plan, Options()).Guarded());

        Assert.Contains("failed: Denied. No steps completed. Nothing was rolled back", error.Message);
        Assert.Empty(error.Completed);
    }

    [Fact]
    public async Task SecondConcurrentFailureBecomesAWarning()
    {
        var first = new GatedWork();
        var plan = PlanOf(
            Step("a", async (context, token) =>
            {
                await first.RunAsync(context, token);
                throw new InvalidOperationException("first");
            }),
            Step("b", async (_, _) =>
            {
                await first.Started;
                first.Release();
                throw new InvalidOperationException("second");
            }));

        var error = await Assert.ThrowsAsync<PlanStepFailedException>(() => PlanExecutor.RunAsync(plan, Options()).Guarded());

        var other = error.FailedStep.Key == "a" ? "b" : "a";
        Assert.Contains($"Step 'Create resource '{other}'' also failed", Assert.Single(_reporter.Warnings));
    }

    [Fact]
    public async Task StepReturningNoResultIsAFailure()
    {
        var plan = PlanOf(Step("broken", (_, _) => Task.FromResult<StepResult>(null!)));

        var error = await Assert.ThrowsAsync<PlanStepFailedException>(() => PlanExecutor.RunAsync(plan, Options()).Guarded());

        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public async Task CancellationStopsTheRunAndStartsNothingMore()
    {
        var cache = new GatedWork();
        var endpointStarted = false;
        using var cancellation = new CancellationTokenSource();
        var plan = PlanOf(Gated("cache", cache), Step("endpoint", (_, _) =>
        {
            endpointStarted = true;
            return Task.FromResult(StepResult.Created());
        }, "cache"));

        var run = PlanExecutor.RunAsync(plan, Options(), cancellation.Token);
        await cache.Started.Guarded();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.Guarded());
        Assert.False(endpointStarted);
        var cacheBar = _reporter.ProgressUpdates.Last(update => update.ActivityId == 2);
        Assert.True(cacheBar.Completed);
        Assert.Equal("Cancelled", cacheBar.Status);
        Assert.DoesNotContain(_reporter.ProgressUpdates, update => update.ActivityId == 3);
    }

    [Fact]
    public async Task CancelledBeforeStartAsksAndRunsNothing()
    {
        var asked = false;
        var options = Options();
        options.ShouldProcess = _ =>
        {
            asked = true;
            return Task.FromResult(true);
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => PlanExecutor.RunAsync(PlanOf(Instant("a")), options, new CancellationToken(canceled: true)).Guarded());
        Assert.False(asked);
    }

    [Fact]
    public async Task ProgressHasOneParentAndACompletedChildPerStep()
    {
        var options = Options();
        options.ProgressActivityId = 10;
        var plan = PlanOf(
            Step("cache", (context, _) =>
            {
                context.ReportStatus("Provisioning state: Creating");
                return Task.FromResult(StepResult.Created());
            }),
            Instant("endpoint", "cache"));

        await PlanExecutor.RunAsync(plan, options).Guarded();

        var updates = _reporter.ProgressUpdates;
        var parent = updates.Where(update => update.ActivityId == 10).ToList();
        Assert.All(parent, update => Assert.Equal(-1, update.ParentActivityId));
        Assert.All(parent, update => Assert.Equal("Test plan", update.Activity));
        Assert.Equal(new[] { "0 of 2 steps done", "1 of 2 steps done", "2 of 2 steps done", "2 of 2 steps done" }, parent.Select(update => update.Status));
        Assert.Equal(new[] { 0, 50, 100, 100 }, parent.Select(update => update.PercentComplete));
        Assert.Equal(new[] { false, false, false, true }, parent.Select(update => update.Completed));
        Assert.Same(parent[^1], updates[^1]);

        var children = updates.Where(update => update.ActivityId != 10).ToList();
        Assert.All(children, update => Assert.Equal(10, update.ParentActivityId));
        var cache = children.Where(update => update.ActivityId == 11).ToList();
        Assert.All(cache, update => Assert.Equal("Create resource 'cache'", update.Activity));
        Assert.Equal("Running (0.0 s)", cache[0].Status);
        Assert.Equal("Provisioning state: Creating (0.0 s)", cache[1].Status);
        Assert.True(cache[^1].Completed);
        Assert.Equal("Created", cache[^1].Status);
        Assert.Single(cache, update => update.Completed);
        var endpoint = children.Where(update => update.ActivityId == 12).ToList();
        Assert.Equal("Create resource 'endpoint'", endpoint[0].Activity);
        Assert.Single(endpoint, update => update.Completed);
        Assert.True(endpoint[^1].Completed);
    }

    [Fact]
    public async Task FailedStepCompletesItsProgressBar()
    {
        var plan = PlanOf(Step("a", (_, _) => throw new InvalidOperationException("no")));

        await Assert.ThrowsAsync<PlanStepFailedException>(() => PlanExecutor.RunAsync(plan, Options()).Guarded());

        var child = _reporter.ProgressUpdates.Last(update => update.ActivityId == 2);
        Assert.True(child.Completed);
        Assert.Equal("Failed", child.Status);
        Assert.True(_reporter.ProgressUpdates.Last(update => update.ActivityId == 1).Completed);
    }

    [Fact]
    public async Task DurationsAndCriticalPathComeFromTheClock()
    {
        var clock = new ManualClock();
        PlanStep Timed(string key, int seconds, params string[] dependsOn) => Step(key, (_, _) =>
        {
            clock.Advance(TimeSpan.FromSeconds(seconds));
            return Task.FromResult(StepResult.Created());
        }, dependsOn);
        var options = Options();
        options.Clock = () => clock.Now;
        // One at a time, so the shared manual clock measures each step alone.
        options.MaxConcurrency = 1;

        var result = await PlanExecutor.RunAsync(PlanOf(Timed("vnet", 3), Timed("cache", 5), Timed("endpoint", 4, "vnet", "cache"), Timed("zone", 2)), options).Guarded();

        Assert.Equal(new[] { 3, 5, 4, 2 }, result.Steps.Select(step => (int)step.Duration.TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(14), result.TotalDuration);
        Assert.Equal(TimeSpan.FromSeconds(9), result.CriticalPathDuration);
    }

    [Fact]
    public async Task SkippedStepsAddNothingToTheCriticalPath()
    {
        var clock = new ManualClock();
        var options = Options();
        options.Clock = () => clock.Now;
        options.ShouldProcess = step => Task.FromResult(step.Key != "slow");
        var plan = PlanOf(
            Step("slow", (_, _) => throw new InvalidOperationException("must not run")),
            Step("fast", (_, _) =>
            {
                clock.Advance(TimeSpan.FromSeconds(2));
                return Task.FromResult(StepResult.Created());
            }));

        var result = await PlanExecutor.RunAsync(plan, options).Guarded();

        Assert.Equal(TimeSpan.Zero, result["slow"].Duration);
        Assert.Equal(TimeSpan.FromSeconds(2), result.CriticalPathDuration);
    }

    [Fact]
    public async Task EachOutcomeIsAVerboseLineWithItsDuration()
    {
        var clock = new ManualClock();
        var options = Options();
        options.Clock = () => clock.Now;
        options.MaxConcurrency = 1;
        var plan = new Plan("Test plan");
        plan.Add(new PlanStep("vnet", "Create", "virtual network 'vnet1'", "Create virtual network 'vnet1' in 'rg'", null, (_, _) =>
        {
            clock.Advance(TimeSpan.FromSeconds(12.3));
            return Task.FromResult(StepResult.Created());
        }));
        plan.Add(new PlanStep("subnet", "Create", "subnet 'pe'", "Create subnet 'pe'", null,
            (_, _) => Task.FromResult(StepResult.Reused("its address prefix 10.0.1.0/24 differs from the requested 10.0.2.0/24"))));
        plan.Add(new PlanStep("zone", "Create", "private DNS zone 'privatelink.redis.cache.windows.net'", "Create zone", null,
            (_, _) => Task.FromResult(StepResult.Unchanged())));
        plan.Add(new PlanStep("cache", "Create", "cache 'c1'", "Create cache 'c1'", null, (_, _) =>
        {
            clock.Advance(TimeSpan.FromSeconds(1024));
            return Task.FromResult(StepResult.Created());
        }));

        await PlanExecutor.RunAsync(plan, options).Guarded();

        Assert.Equal(new[]
        {
            "Created virtual network 'vnet1' (12.3 s)",
            "Reused subnet 'pe' (0.0 s): its address prefix 10.0.1.0/24 differs from the requested 10.0.2.0/24",
            "Private DNS zone 'privatelink.redis.cache.windows.net' unchanged (0.0 s)",
            "Created cache 'c1' (17 min 4 s)",
        }, _reporter.VerboseLines);
    }

    [Fact]
    public async Task ReporterDefaultsToTheCurrentOperationReporter()
    {
        using (OperationReporter.Use(_reporter))
        {
            await PlanExecutor.RunAsync(PlanOf(Instant("a"))).Guarded();
        }

        Assert.Equal("Created resource 'a' (", _reporter.VerboseLines.Single().Substring(0, 22));
    }

    [Fact]
    public async Task EmptyPlanCompletesWithNothing()
    {
        var result = await PlanExecutor.RunAsync(new Plan("Nothing"), Options()).Guarded();

        Assert.Empty(result.Steps);
        Assert.Equal(TimeSpan.Zero, result.CriticalPathDuration);
    }

    [Fact]
    public async Task MalformedPlanRunsNothing()
    {
        var ran = false;
        var plan = PlanOf(Step("a", (_, _) =>
        {
            ran = true;
            return Task.FromResult(StepResult.Created());
        }), Instant("b", "missing"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => PlanExecutor.RunAsync(plan, Options()));
        Assert.False(ran);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private PlanRunOptions Options() => new() { Reporter = _reporter };
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Engine.Plans;

/// <summary>
/// Runs a plan: asks ShouldProcess for every step first, then starts each approved step as soon as its dependencies
/// have succeeded, up to <see cref="PlanRunOptions.MaxConcurrency"/> at once, with progress for the plan and each step.
/// </summary>
public static class PlanExecutor
{
    /// <summary>
    /// Runs <paramref name="plan"/>. When a step fails no further step starts, steps already running finish (their
    /// creates are idempotent, so abandoning them gains nothing), and <see cref="PlanStepFailedException"/> is thrown.
    /// When <paramref name="cancellationToken"/> is cancelled no further step starts, running steps see the token, and
    /// <see cref="OperationCanceledException"/> is thrown once they have returned.
    /// </summary>
    public static async Task<PlanResult> RunAsync(Plan plan, PlanRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (plan is null)
        {
            throw new ArgumentNullException(nameof(plan));
        }

        options ??= new PlanRunOptions();
        var reporter = options.Reporter ?? OperationReporter.Current;
        var clock = options.Clock ?? StartStopwatch();

        var order = plan.Describe();
        var declined = await AskAsync(order, options.ShouldProcess, cancellationToken).ConfigureAwait(false);
        var runStarted = clock();
        var approved = order.Where(step => !declined.ContainsKey(step.Key)).ToList();

        var run = new PlanRun(approved, options.MaxConcurrency, reporter, clock,
            new PlanProgress(reporter, plan.Title, options.ProgressActivityId, approved));
        await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        if (run.Failure is { } failure)
        {
            throw new PlanStepFailedException(
                failure.Step,
                failure.Exception,
                order.Where(step => run.Results.ContainsKey(step.Key)).Select(step => run.Results[step.Key]).ToList(),
                order.Where(step => !run.Started.Contains(step.Key)).ToList());
        }

        var results = order
            .Select(step => declined.TryGetValue(step.Key, out var reason)
                ? new StepRunResult(step, StepOutcome.Skipped, reason, TimeSpan.Zero)
                : run.Results[step.Key])
            .ToList();
        return new PlanResult(results, clock() - runStarted);
    }

    /// <summary>
    /// Asks about every step, even one whose dependency was already declined, so -WhatIf lists the whole plan. Returns
    /// the skipped steps with the reason each is skipped.
    /// </summary>
    private static async Task<Dictionary<string, string>> AskAsync(
        IReadOnlyList<PlanStep> order, Func<PlanStep, Task<bool>>? shouldProcess, CancellationToken cancellationToken)
    {
        var declined = new Dictionary<string, string>(StringComparer.Ordinal);
        var descriptions = order.ToDictionary(step => step.Key, step => step.Description, StringComparer.Ordinal);
        foreach (var step in order)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var confirmed = shouldProcess is null || await shouldProcess(step).ConfigureAwait(false);
            var skippedDependency = step.DependsOn.FirstOrDefault(declined.ContainsKey);
            if (!confirmed)
            {
                declined.Add(step.Key, "Not run: declined.");
            }
            else if (skippedDependency is not null)
            {
                declined.Add(step.Key, $"Not run: it depends on '{descriptions[skippedDependency]}', which was not run.");
            }
        }

        return declined;
    }

    private static Func<TimeSpan> StartStopwatch()
    {
        var stopwatch = Stopwatch.StartNew();
        return () => stopwatch.Elapsed;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Engine.Plans;

/// <summary>
/// The scheduling state of one <see cref="PlanExecutor.RunAsync"/> call. Only the loop in <see cref="ExecuteAsync"/>
/// touches it; step tasks only report.
/// </summary>
internal sealed class PlanRun
{
    private readonly List<PlanStep> _waiting;
    private readonly int _maxConcurrency;
    private readonly IOperationReporter _reporter;
    private readonly Func<TimeSpan> _clock;
    private readonly PlanProgress _progress;

    public PlanRun(List<PlanStep> approved, int maxConcurrency, IOperationReporter reporter, Func<TimeSpan> clock, PlanProgress progress)
    {
        _waiting = approved;
        _maxConcurrency = maxConcurrency;
        _reporter = reporter;
        _clock = clock;
        _progress = progress;
    }

    public Dictionary<string, StepRunResult> Results { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Started { get; } = new(StringComparer.Ordinal);

    public (PlanStep Step, Exception Exception)? Failure { get; private set; }

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        if (_waiting.Count == 0)
        {
            return;
        }

        _progress.Start();
        var running = new Dictionary<Task<StepRunResult>, PlanStep>();
        while (true)
        {
            if (Failure is null && !cancellationToken.IsCancellationRequested)
            {
                StartReadySteps(running, cancellationToken);
            }

            if (running.Count == 0)
            {
                break;
            }

            var finished = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var step = running[finished];
            running.Remove(finished);
            Record(step, finished, cancellationToken);
        }

        _progress.Complete();
    }

    private void StartReadySteps(Dictionary<Task<StepRunResult>, PlanStep> running, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _waiting.Count && running.Count < _maxConcurrency;)
        {
            var step = _waiting[i];
            if (step.DependsOn.All(Results.ContainsKey))
            {
                _waiting.RemoveAt(i);
                Started.Add(step.Key);
                // Task.Run so that work which runs synchronously before its first await cannot hold up the others.
                running.Add(Task.Run(() => RunStepAsync(step, cancellationToken)), step);
            }
            else
            {
                i++;
            }
        }
    }

    private void Record(PlanStep step, Task<StepRunResult> finished, CancellationToken cancellationToken)
    {
        if (finished.Status == TaskStatus.RanToCompletion)
        {
            Results.Add(step.Key, finished.Result);
            _progress.StepSucceeded();
            return;
        }

        var exception = finished.Exception?.GetBaseException() ?? new OperationCanceledException(cancellationToken);
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // The caller throws OperationCanceledException once every running step has returned.
            return;
        }

        if (Failure is null)
        {
            Failure = (step, exception);
            _reporter.Verbose($"Step '{step.Description}' failed: {exception.Message} No further steps will start.");
        }
        else
        {
            _reporter.Warning($"Step '{step.Description}' also failed: {exception.Message}");
        }
    }

    private async Task<StepRunResult> RunStepAsync(PlanStep step, CancellationToken cancellationToken)
    {
        var started = _clock();
        var context = new StepContext(step, status => _progress.StepStatus(step, status, _clock() - started));
        context.ReportStatus("Running");
        try
        {
            var result = await step.Work(context, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Step '{step.Key}' returned no result.");
            var runResult = new StepRunResult(step, result.Outcome, result.Message, _clock() - started);
            _progress.StepEnded(step, result.Outcome.ToString());
            _reporter.Verbose(DescribeOutcome(runResult));
            return runResult;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _progress.StepEnded(step, "Cancelled");
            throw;
        }
        catch
        {
            _progress.StepEnded(step, "Failed");
            throw;
        }
    }

    private static string DescribeOutcome(StepRunResult result)
    {
        var duration = DurationText.Format(result.Duration);
        var line = result.Outcome == StepOutcome.Unchanged
            ? $"{Capitalize(result.Step.Target)} unchanged ({duration})"
            : $"{result.Outcome} {result.Step.Target} ({duration})";
        return result.Message is null ? line : $"{line}: {result.Message}";
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);
}

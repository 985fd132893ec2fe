using System;
using System.Collections.Generic;
using System.Globalization;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Engine.Plans;

/// <summary>
/// The progress bars of one run: a parent bar counting finished steps and a child bar per running step. Step tasks
/// report their own bars concurrently (the reporter is thread-safe); only the run's loop touches the parent bar.
/// </summary>
internal sealed class PlanProgress
{
    private readonly IOperationReporter _reporter;
    private readonly string _title;
    private readonly int _parentActivityId;
    private readonly int _stepCount;
    private readonly Dictionary<string, int> _activityIds = new(StringComparer.Ordinal);
    private int _finishedCount;

    public PlanProgress(IOperationReporter reporter, string title, int parentActivityId, IReadOnlyList<PlanStep> steps)
    {
        _reporter = reporter;
        _title = title;
        _parentActivityId = parentActivityId;
        _stepCount = steps.Count;
        for (var i = 0; i < steps.Count; i++)
        {
            _activityIds.Add(steps[i].Key, parentActivityId + 1 + i);
        }
    }

    public void Start() => ReportPlan(0, completed: false);

    public void StepStatus(PlanStep step, string status, TimeSpan elapsed) =>
        _reporter.Progress(new ProgressUpdate(_activityIds[step.Key], step.Description, $"{status} ({DurationText.Format(elapsed)})")
        {
            ParentActivityId = _parentActivityId,
        });

    public void StepEnded(PlanStep step, string status) =>
        _reporter.Progress(new ProgressUpdate(_activityIds[step.Key], step.Description, status)
        {
            ParentActivityId = _parentActivityId,
            Completed = true,
        });

    public void StepSucceeded() => ReportPlan(++_finishedCount, completed: false);

    public void Complete() => ReportPlan(_finishedCount, completed: true);

    private void ReportPlan(int finished, bool completed) =>
        _reporter.Progress(new ProgressUpdate(_parentActivityId, _title,
            string.Format(CultureInfo.InvariantCulture, "{0} of {1} steps done", finished, _stepCount))
        {
            PercentComplete = _stepCount == 0 ? 100 : finished * 100 / _stepCount,
            Completed = completed,
        });
}

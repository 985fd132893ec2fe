using System;

namespace RedisPrivateLink.Engine.Plans;

/// <summary>What a running step gets from the executor: its own definition and a way to show sub-status.</summary>
public sealed class StepContext
{
    private readonly Action<string> _reportStatus;

    internal StepContext(PlanStep step, Action<string> reportStatus)
    {
        Step = step;
        _reportStatus = reportStatus;
    }

    public PlanStep Step { get; }

    /// <summary>
    /// Shows <paramref name="status"/> (for example the cache's provisioning state) on this step's progress bar, with
    /// the time the step has run so far. Safe to call from any thread.
    /// </summary>
    public void ReportStatus(string status) => _reportStatus(status);
}

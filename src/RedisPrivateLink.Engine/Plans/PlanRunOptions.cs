using System;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Engine.Plans;

/// <summary>How <see cref="PlanExecutor"/> runs a plan.</summary>
public sealed class PlanRunOptions
{
    private int _maxConcurrency = 4;

    /// <summary>
    /// Asked once for every step, in plan order, before anything runs (the cmdlet's ShouldProcess). A step answered
    /// false is skipped, and so is every step that depends on it. Null runs every step.
    /// </summary>
    public Func<PlanStep, Task<bool>>? ShouldProcess { get; set; }

    /// <summary>
    /// How many steps run at once. Four keeps a plan well inside ARM's per-subscription write budget while letting the
    /// network, DNS and cache creates overlap.
    /// </summary>
    public int MaxConcurrency
    {
        get => _maxConcurrency;
        set => _maxConcurrency = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one step must be able to run.");
    }

    /// <summary>Where progress and verbose lines go; null means <see cref="OperationReporter.Current"/>.</summary>
    public IOperationReporter? Reporter { get; set; }

    /// <summary>The ActivityId of the plan's progress bar; each step's bar takes an id after it.</summary>
    public int ProgressActivityId { get; set; } = 1;

    /// <summary>Monotonic time since an arbitrary start; null means a Stopwatch. Tests substitute a manual clock.</summary>
    internal Func<TimeSpan>? Clock { get; set; }
}

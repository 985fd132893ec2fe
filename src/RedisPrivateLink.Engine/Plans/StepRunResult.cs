using System;

namespace RedisPrivateLink.Engine.Plans;

/// <summary>How one step of a run ended, and how long it took.</summary>
public sealed class StepRunResult
{
    internal StepRunResult(PlanStep step, StepOutcome outcome, string? message, TimeSpan duration)
    {
        Step = step;
        Outcome = outcome;
        Message = message;
        Duration = duration;
    }

    public PlanStep Step { get; }

    public string Key => Step.Key;

    public StepOutcome Outcome { get; }

    public string? Message { get; }

    /// <summary>Zero for a step that did not run.</summary>
    public TimeSpan Duration { get; }
}

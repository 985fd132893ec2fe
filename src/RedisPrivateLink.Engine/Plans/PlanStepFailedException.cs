using System;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Plans;

/// <summary>
/// A step of a plan failed. Completed steps stay in place (their work is idempotent), so the message tells the user to
/// run the same command again rather than to clean up.
/// </summary>
public sealed class PlanStepFailedException : Exception
{
    public const string PlanStepFailedErrorId = "PlanStepFailed";

    internal PlanStepFailedException(PlanStep failedStep, Exception innerException, IReadOnlyList<StepRunResult> completed, IReadOnlyList<PlanStep> notRun)
        : base(BuildMessage(failedStep, innerException, completed), innerException)
    {
        FailedStep = failedStep;
        Completed = completed;
        NotRun = notRun;
    }

    /// <summary>The cmdlet uses the inner exception's own error id when it has one, and this one otherwise.</summary>
    public string ErrorId => PlanStepFailedErrorId;

    public PlanStep FailedStep { get; }

    /// <summary>The steps that ran to completion before the run stopped, in plan order.</summary>
    public IReadOnlyList<StepRunResult> Completed { get; }

    /// <summary>The steps that never started: declined, waiting on the failed step, or held back once it failed.</summary>
    public IReadOnlyList<PlanStep> NotRun { get; }

    private static string BuildMessage(PlanStep failedStep, Exception innerException, IReadOnlyList<StepRunResult> completed)
    {
        var completedText = completed.Count == 0
            ? "No steps completed."
            : "Steps completed: " + string.Join(", ", completed.Select(result => result.Step.Description)) + ".";
        return $"Step '{failedStep.Description}' failed: {innerException.Message.TrimEnd('.', ' ')}. {completedText} Nothing was rolled back; run the same command again to continue from here.";
    }
}

namespace RedisPrivateLink.Engine.Plans;

/// <summary>
/// What a step's work returns. The message carries what the user should know about the outcome, for example the
/// differences of a reused resource, which the module reports and never overwrites.
/// </summary>
public sealed class StepResult
{
    public StepResult(StepOutcome outcome, string? message = null)
    {
        Outcome = outcome;
        Message = message;
    }

    public StepOutcome Outcome { get; }

    public string? Message { get; }

    public static StepResult Created(string? message = null) => new(StepOutcome.Created, message);

    public static StepResult Updated(string? message = null) => new(StepOutcome.Updated, message);

    public static StepResult Reused(string? message = null) => new(StepOutcome.Reused, message);

    public static StepResult Skipped(string? message = null) => new(StepOutcome.Skipped, message);

    public static StepResult Deleted(string? message = null) => new(StepOutcome.Deleted, message);

    public static StepResult Unchanged(string? message = null) => new(StepOutcome.Unchanged, message);
}

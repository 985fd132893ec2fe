namespace RedisPrivateLink.Engine.Plans;

/// <summary>What a step did. Re-running a plan turns Created into Reused or Unchanged, never into a duplicate.</summary>
public enum StepOutcome
{
    Created,
    Updated,
    Reused,
    Skipped,
    Deleted,
    Unchanged,
}

namespace RedisPrivateLink.Engine.Diagnostics;

/// <summary>
/// Where the engine sends what a cmdlet shows the user. The cmdlet runtime implements it by queueing each call to
/// the pipeline thread, so engine code may call it from any task.
/// </summary>
public interface IOperationReporter
{
    void Verbose(string message);

    /// <summary>Debug text; callers redact secrets before calling.</summary>
    void Debug(string message);

    void Warning(string message);

    void Progress(ProgressUpdate update);
}

/// <summary>One Write-Progress record in engine terms. ActivityId distinguishes concurrent steps.</summary>
public sealed class ProgressUpdate
{
    public ProgressUpdate(int activityId, string activity, string status)
    {
        ActivityId = activityId;
        Activity = activity;
        Status = status;
    }

    public int ActivityId { get; }
    public int ParentActivityId { get; set; } = -1;
    public string Activity { get; }
    public string Status { get; }
    public int PercentComplete { get; set; } = -1;
    public bool Completed { get; set; }
}

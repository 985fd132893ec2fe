using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// Runs an action the moment one step of a plan starts (its progress bar first shows), then passes what the engine
/// reports on to another reporter. A write whose path earlier steps also write (a cache's migration-tag PATCHes, the
/// resource group's tags) gets its fault armed there, so the fault hits that step's write and no earlier one.
/// </summary>
internal sealed class StepStartReporter : IOperationReporter
{
    private readonly PlanStep _step;
    private readonly Func<Task> _onStart;
    private readonly IOperationReporter? _next;
    private int _started;

    public StepStartReporter(PlanStep step, Func<Task> onStart, IOperationReporter? next = null)
    {
        _step = step;
        _onStart = onStart;
        _next = next;
    }

    /// <summary>Whether the step has started.</summary>
    public bool Started => Volatile.Read(ref _started) == 1;

    public void Verbose(string message)
    {
        if (Started)
        {
            _next?.Verbose(message);
        }
    }

    public void Debug(string message)
    {
        if (Started)
        {
            _next?.Debug(message);
        }
    }

    public void Warning(string message)
    {
        if (Started)
        {
            _next?.Warning(message);
        }
    }

    /// <summary>The step's own bar is the first report on its flow, before it sends anything: the action completes first.</summary>
    public void Progress(ProgressUpdate update)
    {
        if (!update.Completed && update.Activity == _step.Description && Interlocked.Exchange(ref _started, 1) == 0)
        {
            _onStart().GetAwaiter().GetResult();
        }

        if (Started)
        {
            _next?.Progress(update);
        }
    }
}

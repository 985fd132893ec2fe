using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Runtime;

/// <summary>
/// The base of every cmdlet of the module. Engine work runs as a task with a token that StopProcessing cancels,
/// while the pipeline thread pumps what that work writes (verbose, warnings, progress, objects, ShouldProcess),
/// so Ctrl+C stops within a second and no stream is written from a background thread.
/// </summary>
public abstract class RedisPrivateLinkCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private PipelineDispatcher? _dispatcher;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>Runs engine work to completion, pumping its output on the pipeline thread.</summary>
    protected T RunEngine<T>(Func<CancellationToken, Task<T>> work, object? errorTarget = null)
    {
        T result = default!;
        // A block body, so this binds to the non-generic overload instead of recursing.
        RunEngine(async token => { result = await work(token).ConfigureAwait(false); }, errorTarget);
        return result;
    }

    /// <summary>Runs engine work to completion, pumping its output on the pipeline thread.</summary>
    protected void RunEngine(Func<CancellationToken, Task> work, object? errorTarget = null)
    {
        using var dispatcher = new PipelineDispatcher(_stopping.Token);
        _dispatcher = dispatcher;
        try
        {
            Task task;
            // Task.Run captures the reporter set here, so the engine's calls reach this invocation's streams.
            using (OperationReporter.Use(new CmdletReporter(this, dispatcher)))
            {
                task = Task.Run(() => work(_stopping.Token));
            }

            if (!dispatcher.PumpUntilDone(task))
            {
                throw new PipelineStoppedException();
            }

            ThrowIfFailed(task, errorTarget);
        }
        finally
        {
            _dispatcher = null;
        }
    }

    /// <summary>ShouldProcess for engine work: safe to await from any task inside <see cref="RunEngine"/>.</summary>
    protected Task<bool> ShouldProcessAsync(string target, string action) =>
        Dispatcher.InvokeAsync(() => ShouldProcess(target, action));

    /// <summary>WriteObject for engine work: safe to call from any task inside <see cref="RunEngine"/>.</summary>
    protected void WriteObjectFromTask(object? sendToPipeline) =>
        Dispatcher.Post(() => WriteObject(sendToPipeline));

    /// <summary>WriteWarning for engine work: safe to call from any task inside <see cref="RunEngine"/>.</summary>
    protected void WriteWarningFromTask(string message) =>
        Dispatcher.Post(() => WriteWarning(message));

    /// <summary>A non-terminating error for engine work: safe to call from any task inside <see cref="RunEngine"/>.</summary>
    protected void WriteErrorFromTask(ErrorRecord error) =>
        Dispatcher.Post(() => WriteError(error));

    /// <summary>Stops the cmdlet with a specific error id, before or instead of any engine work.</summary>
    protected void ThrowTerminating(string errorId, ErrorCategory category, string message, object? target = null) =>
        ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), errorId, category, target));

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The pump of the engine work in progress; only valid inside <see cref="RunEngine"/>.</summary>
    private protected PipelineDispatcher Dispatcher =>
        _dispatcher ?? throw new InvalidOperationException("Only engine work started by RunEngine may use this.");

    private void ThrowIfFailed(Task task, object? errorTarget)
    {
        if (!task.IsFaulted && !task.IsCanceled)
        {
            return;
        }

        var error = task.IsCanceled ? new OperationCanceledException() : task.Exception!.GetBaseException();
        if (error is OperationCanceledException && _stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }

        ThrowTerminatingError(EngineErrors.ToErrorRecord(error, errorTarget));
    }
}

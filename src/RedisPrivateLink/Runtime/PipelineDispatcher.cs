using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace RedisPrivateLink.Runtime;

/// <summary>
/// Runs actions queued from background tasks on the pipeline thread, the only thread on which a cmdlet may write
/// to its streams or ask ShouldProcess.
/// </summary>
internal sealed class PipelineDispatcher : IDisposable
{
    // How long the pipeline thread waits for work that ignores cancellation before giving up on it.
    private static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(750);
    private static readonly TimeSpan PumpInterval = TimeSpan.FromMilliseconds(50);

    private readonly BlockingCollection<Action> _queue = new();
    private readonly CancellationToken _stopping;
    private int _pipelineThreadId;

    public PipelineDispatcher(CancellationToken stopping) => _stopping = stopping;

    public bool IsPipelineThread => Thread.CurrentThread.ManagedThreadId == _pipelineThreadId;

    /// <summary>Queues <paramref name="action"/> for the pipeline thread; runs it at once when already there.</summary>
    public void Post(Action action)
    {
        if (IsPipelineThread)
        {
            action();
            return;
        }

        try
        {
            _queue.Add(action);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // The pump has ended (the cmdlet was stopped); output after that point has nowhere to go.
        }
    }

    /// <summary>Runs <paramref name="func"/> on the pipeline thread and hands its result back to the caller's task.</summary>
    public Task<T> InvokeAsync<T>(Func<T> func)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        // A stopped pipeline never runs the action; the waiting task must not hang on it.
        var registration = _stopping.Register(() => result.TrySetCanceled(_stopping));
        Post(() =>
        {
            try
            {
                result.TrySetResult(func());
            }
            catch (Exception ex)
            {
                result.TrySetException(ex);
            }
            finally
            {
                registration.Dispose();
            }
        });
        return result.Task;
    }

    /// <summary>
    /// Pumps queued actions on the calling (pipeline) thread until <paramref name="work"/> ends, then closes the
    /// queue. Once the cmdlet is stopped it gives the work a short grace to observe it, then returns anyway,
    /// so Ctrl+C returns within a second even when an awaited call does not honour cancellation.
    /// </summary>
    /// <returns>false when it returned because of the stop and the work has not finished.</returns>
    public bool PumpUntilDone(Task work)
    {
        work.ContinueWith(_ => _queue.CompleteAdding(), TaskScheduler.Default);
        return Pump(() => _queue.IsCompleted);
    }

    /// <summary>
    /// Pumps queued actions until <paramref name="signal"/> has completed and nothing is queued, leaving the queue open
    /// for more work (pipeline input processed concurrently). Stops as <see cref="PumpUntilDone"/> does.
    /// </summary>
    /// <returns>false when it returned because of the stop and the signal has not completed.</returns>
    public bool PumpUntil(Task signal)
    {
        // Wakes the pump as soon as the signal completes rather than at the next interval.
        signal.ContinueWith(_ => Post(static () => { }), TaskScheduler.Default);
        return Pump(() => signal.IsCompleted && _queue.Count == 0);
    }

    /// <summary>Runs what is queued now, without waiting for more.</summary>
    public void RunPending()
    {
        _pipelineThreadId = Thread.CurrentThread.ManagedThreadId;
        while (!_stopping.IsCancellationRequested && _queue.TryTake(out var action))
        {
            action();
        }
    }

    private bool Pump(Func<bool> done)
    {
        _pipelineThreadId = Thread.CurrentThread.ManagedThreadId;
        DateTime? giveUpAt = null;
        while (!done())
        {
            if (_stopping.IsCancellationRequested)
            {
                giveUpAt ??= DateTime.UtcNow + StopGrace;
                if (DateTime.UtcNow >= giveUpAt)
                {
                    return false;
                }
            }

            if (_queue.TryTake(out var action, PumpInterval) && !_stopping.IsCancellationRequested)
            {
                action();
            }
        }

        return true;
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        _queue.Dispose();
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RedisPrivateLink.Runtime;

/// <summary>
/// The engine work of one pipeline input when a cmdlet processes its input concurrently. What the work writes to the
/// output and error streams is held here until every earlier input's has been written, so output keeps input order.
/// </summary>
internal sealed class PipelineInputItem
{
    private static readonly AsyncLocal<PipelineInputItem?> Running = new();

    private readonly List<Action> _held = new();
    private readonly TaskCompletionSource<bool> _slot = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PipelineInputItem(object? errorTarget) => ErrorTarget = errorTarget;

    /// <summary>The input whose work is running on this async flow, if any.</summary>
    public static PipelineInputItem? Current => Running.Value;

    public object? ErrorTarget { get; }

    public Task Work { get; private set; } = Task.CompletedTask;

    /// <summary>Completes when this input no longer counts against -ThrottleLimit: its work ended, or only waits on Azure.</summary>
    public Task SlotFreed => _slot.Task;

    public void Start(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        Work = Task.Run(() =>
        {
            Running.Value = this;
            return work(cancellationToken);
        });
        Work.ContinueWith(_ => FreeSlot(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public void FreeSlot() => _slot.TrySetResult(true);

    /// <summary>Keeps a write for the pipeline thread to run once this input's turn comes.</summary>
    public void Hold(Action write)
    {
        lock (_held)
        {
            _held.Add(write);
        }
    }

    public IReadOnlyList<Action> TakeHeld()
    {
        lock (_held)
        {
            var writes = _held.ToArray();
            _held.Clear();
            return writes;
        }
    }
}

using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Plans;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Plans;

/// <summary>
/// Step work that signals when it starts and then waits for the test to release it, so tests prove ordering and
/// concurrency by events rather than by timing.
/// </summary>
internal sealed class GatedWork
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public bool HasStarted => _started.Task.IsCompleted;

    public void Release() => _release.TrySetResult();

    public async Task<StepResult> RunAsync(StepContext context, CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        await _release.Task.WaitAsync(cancellationToken);
        return StepResult.Created();
    }
}

using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Runtime;

namespace RedisPrivateLink.Tests;

/// <summary>Asks ShouldProcess from engine work as the module's cmdlets do: on the pipeline thread, by the module's rule for questions.</summary>
public abstract class QuestionAskingCmdlet : RedisPrivateLinkCmdlet
{
    private protected Task<bool> ShouldProcessAsync(string target, string action) =>
        Dispatcher.InvokeAsync(() => AskQuestion(() => ShouldProcess(target, action), $"{action} on '{target}'"));
}

/// <summary>Writes through every channel of the runtime from thread-pool tasks, as engine work does.</summary>
[Cmdlet(VerbsDiagnostic.Test, "BackgroundStreams", SupportsShouldProcess = true)]
public sealed class TestBackgroundStreamsCommand : QuestionAskingCmdlet
{
    public static int PipelineThreadId;

    [Parameter]
    public int Count { get; set; } = 3;

    protected override void ProcessRecord()
    {
        PipelineThreadId = Environment.CurrentManagedThreadId;
        RunEngine(async token =>
    {
        for (var i = 1; i <= Count; i++)
        {
            // Hop to another pool thread each time, so nothing below runs on the pipeline thread by accident.
            await Task.Yield();
            OperationReporter.Current.Verbose($"verbose {i}");
            OperationReporter.Current.Warning($"warning {i}");
            OperationReporter.Current.Progress(new ProgressUpdate(1, "Working", $"step {i}") { PercentComplete = i * 100 / Count });
            if (await ShouldProcessAsync($"item {i}", "Create"))
            {
                WriteObjectFromTask(Environment.CurrentManagedThreadId);
            }
        }
    });
    }
}

/// <summary>A high-impact cmdlet with -Force, as Remove-RedisPrivateEndpoint is, asking one question from engine work.</summary>
[Cmdlet(VerbsDiagnostic.Test, "Question", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class TestQuestionCommand : QuestionAskingCmdlet
{
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord() => RunEngine(async token =>
    {
        if (await ShouldProcessAsync("the item", "Remove"))
        {
            WriteObjectFromTask("removed");
        }
    });
}

/// <summary>The same question from a cmdlet that has no -Force, as New-RedisPrivateCache.</summary>
[Cmdlet(VerbsDiagnostic.Test, "QuestionWithoutForce", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class TestQuestionWithoutForceCommand : QuestionAskingCmdlet
{
    protected override void ProcessRecord() => RunEngine(async token =>
    {
        if (await ShouldProcessAsync("the item", "Create"))
        {
            WriteObjectFromTask("created");
        }
    });
}

/// <summary>Engine work that never finishes and ignores its token: only the runtime's stop grace ends it.</summary>
[Cmdlet(VerbsDiagnostic.Test, "Hang")]
public sealed class TestHangCommand : RedisPrivateLinkCmdlet
{
    public static readonly ManualResetEventSlim Started = new();

    [Parameter]
    public SwitchParameter HonourCancellation { get; set; }

    protected override void ProcessRecord() => RunEngine(async token =>
    {
        Started.Set();
        if (HonourCancellation)
        {
            await Task.Delay(Timeout.Infinite, token);
        }
        else
        {
            await new TaskCompletionSource<bool>().Task;
        }
    });
}

/// <summary>Throws what it is told to, from engine work, to check the error records the runtime makes.</summary>
[Cmdlet(VerbsDiagnostic.Test, "EngineError")]
public sealed class TestEngineErrorCommand : RedisPrivateLinkCmdlet
{
    [Parameter(Mandatory = true)]
    public Exception Error { get; set; } = null!;

    protected override void ProcessRecord() => RunEngine(_ => Task.FromException(Error), "the target");
}

/// <summary>Processes each piped number with <see cref="RedisPrivateLinkCmdlet.RunEngine(Func{CancellationToken, Task}, object?)"/>, one at a time, as Remove- or Get-RedisPrivateEndpoint do.</summary>
[Cmdlet(VerbsDiagnostic.Test, "EachInput")]
public sealed class TestEachInputCommand : RedisPrivateLinkCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public int Item { get; set; }

    /// <summary>Inputs whose work fails with a refusal (non-terminating) ...</summary>
    [Parameter]
    public int[] Refuse { get; set; } = Array.Empty<int>();

    /// <summary>... or with bad input (terminating).</summary>
    [Parameter]
    public int[] BadInput { get; set; } = Array.Empty<int>();

    protected override void ProcessRecord()
    {
        var item = Item;
        RunEngine(_ =>
        {
            if (Array.IndexOf(Refuse, item) >= 0)
            {
                throw new RedisPrivateLinkException("InputRefused", RedisPrivateLinkErrorCategory.InvalidOperation, $"Input {item} refused.");
            }

            if (Array.IndexOf(BadInput, item) >= 0)
            {
                throw new ValidationException("InputInvalid", nameof(Item), $"Input {item} is invalid.");
            }

            WriteObjectFromTask(item);
            return Task.CompletedTask;
        }, $"input {item}");
    }
}

/// <summary>An ARM cmdlet that only resolves its context.</summary>
[Cmdlet(VerbsDiagnostic.Test, "ContextResolution")]
public sealed class TestContextResolutionCommand : ArmCmdlet
{
    protected override void ProcessRecord() => WriteObject(ResolveContext());
}

/// <summary>
/// Processes piped numbers concurrently through <see cref="RedisPrivateLinkCmdlet.StartEngine"/>; each input's work
/// waits on the test's gate for it, so tests decide when every input finishes.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ConcurrentInput", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
public sealed class TestConcurrentInputCommand : QuestionAskingCmdlet
{
    public static InputGates Gates { get; set; } = new();

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public int Item { get; set; }

    [Parameter]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    /// <summary>Inputs whose work fails with a refusal (non-terminating) ...</summary>
    [Parameter]
    public int[] Refuse { get; set; } = Array.Empty<int>();

    /// <summary>... or with bad input (terminating).</summary>
    [Parameter]
    public int[] BadInput { get; set; } = Array.Empty<int>();

    /// <summary>Inputs that wait for their gate even after Ctrl+C, as work past its last cancellable call does.</summary>
    [Parameter]
    public int[] IgnoreStop { get; set; } = Array.Empty<int>();

    /// <summary>Inputs that free their -ThrottleLimit slot before waiting, as work that only waits on Azure does.</summary>
    [Parameter]
    public int[] FreeSlot { get; set; } = Array.Empty<int>();

    /// <summary>Ask two ShouldProcess questions per input, together.</summary>
    [Parameter]
    public SwitchParameter Ask { get; set; }

    protected override void ProcessRecord()
    {
        var item = Item;
        var gates = Gates;
        StartEngine(async token =>
        {
            gates.Enter(item);
            try
            {
                if (Ask)
                {
                    await AskTogetherAsync(async () =>
                    {
                        var first = await ShouldProcessAsync($"input {item}", "First");
                        await Task.Yield();
                        return first && await ShouldProcessAsync($"input {item}", "Second");
                    }, token);
                }

                if (Array.IndexOf(FreeSlot, item) >= 0)
                {
                    FreeThrottleSlot();
                }

                await gates.WaitAsync(item, Array.IndexOf(IgnoreStop, item) >= 0 ? CancellationToken.None : token);
                if (Array.IndexOf(Refuse, item) >= 0)
                {
                    throw new RedisPrivateLinkException("InputRefused", RedisPrivateLinkErrorCategory.InvalidOperation, $"Input {item} refused.");
                }

                if (Array.IndexOf(BadInput, item) >= 0)
                {
                    throw new ValidationException("InputInvalid", nameof(Item), $"Input {item} is invalid.");
                }

                WriteObjectFromTask(item);
            }
            finally
            {
                gates.Leave();
            }
        }, ThrottleLimit, $"input {item}");
    }
}

/// <summary>What the inputs of <see cref="TestConcurrentInputCommand"/> wait on, and what the test observes of them.</summary>
public sealed class InputGates
{
    private readonly ConcurrentDictionary<int, TaskCompletionSource<bool>> _gates = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<bool>> _started = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _cancelled;

    /// <summary>Inputs finish as soon as they start unless held.</summary>
    public bool HoldAll { get; init; }

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Cancelled => Volatile.Read(ref _cancelled);

    public Task Started(int item) => Signal(_started, item).Task;

    public void Release(int item) => Signal(_gates, item).TrySetResult(true);

    internal void Enter(int item)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = MaxInFlight; now > max && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max; max = MaxInFlight)
        {
        }

        Signal(_started, item).TrySetResult(true);
    }

    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    internal async Task WaitAsync(int item, CancellationToken token)
    {
        if (!HoldAll)
        {
            return;
        }

        try
        {
            await Signal(_gates, item).Task.WaitAsync(token);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _cancelled);
            throw;
        }
    }

    private static TaskCompletionSource<bool> Signal(ConcurrentDictionary<int, TaskCompletionSource<bool>> signals, int item) =>
        signals.GetOrAdd(item, _ => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
}

using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Runtime;

namespace RedisPrivateLink.Tests;

/// <summary>Writes through every channel of the runtime from thread-pool tasks, as engine work does.</summary>
[Cmdlet(VerbsDiagnostic.Test, "BackgroundStreams", SupportsShouldProcess = true)]
public sealed class TestBackgroundStreamsCommand : RedisPrivateLinkCmdlet
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

/// <summary>An ARM cmdlet that only resolves its context.</summary>
[Cmdlet(VerbsDiagnostic.Test, "ContextResolution")]
public sealed class TestContextResolutionCommand : ArmCmdlet
{
    protected override void ProcessRecord() => WriteObject(ResolveContext());
}

using System.Management.Automation;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Runtime;

/// <summary>The engine's reporter for one cmdlet invocation: every call becomes a stream write on the pipeline thread.</summary>
internal sealed class CmdletReporter : IOperationReporter
{
    private readonly Cmdlet _cmdlet;
    private readonly PipelineDispatcher _dispatcher;

    public CmdletReporter(Cmdlet cmdlet, PipelineDispatcher dispatcher)
    {
        _cmdlet = cmdlet;
        _dispatcher = dispatcher;
    }

    public void Verbose(string message) => _dispatcher.Post(() => _cmdlet.WriteVerbose(message));

    public void Debug(string message) => _dispatcher.Post(() => _cmdlet.WriteDebug(message));

    public void Warning(string message) => _dispatcher.Post(() => _cmdlet.WriteWarning(message));

    public void Progress(ProgressUpdate update)
    {
        var record = new ProgressRecord(update.ActivityId, update.Activity, update.Status)
        {
            ParentActivityId = update.ParentActivityId,
            PercentComplete = update.PercentComplete,
            RecordType = update.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        };
        _dispatcher.Post(() => _cmdlet.WriteProgress(record));
    }
}

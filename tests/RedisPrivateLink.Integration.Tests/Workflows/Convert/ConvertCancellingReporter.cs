using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Presses Ctrl+C (cancels its token) the first time a step's progress shows the given text.</summary>
internal sealed class ConvertCancellingReporter : IOperationReporter, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly string _statusText;

    public ConvertCancellingReporter(string statusText) => _statusText = statusText;

    public CancellationToken Token => _stop.Token;

    public void Verbose(string message)
    {
    }

    public void Debug(string message)
    {
    }

    public void Warning(string message)
    {
    }

    public void Progress(ProgressUpdate update)
    {
        if (update.Status.Contains(_statusText, StringComparison.Ordinal))
        {
            _stop.Cancel();
        }
    }

    public void Dispose() => _stop.Dispose();
}

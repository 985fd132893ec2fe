using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Keeps the verbose lines the engine reports, so tests can assert what -Verbose would show.</summary>
internal sealed class RecordingReporter : IOperationReporter
{
    private readonly List<string> _verboseLines = new();

    public IReadOnlyList<string> VerboseLines
    {
        get
        {
            lock (_verboseLines)
            {
                return _verboseLines.ToList();
            }
        }
    }

    public void Verbose(string message)
    {
        lock (_verboseLines)
        {
            _verboseLines.Add(message);
        }
    }

    public void Debug(string message)
    {
    }

    public void Warning(string message)
    {
    }

    public void Progress(ProgressUpdate update)
    {
    }
}

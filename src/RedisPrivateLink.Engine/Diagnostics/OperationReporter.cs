using System.Threading;

namespace RedisPrivateLink.Engine.Diagnostics;

/// <summary>
/// The reporter of the operation running on this async flow. The cmdlet runtime sets it around engine work; the
/// context and its ARM gateway outlive any one cmdlet, so they find the current cmdlet here instead of holding one.
/// </summary>
public static class OperationReporter
{
    private static readonly AsyncLocal<IOperationReporter?> CurrentReporter = new();

    public static IOperationReporter Current => CurrentReporter.Value ?? NullReporter.Instance;

    /// <summary>Makes <paramref name="reporter"/> current for this flow and the tasks it starts, until disposed.</summary>
    public static System.IDisposable Use(IOperationReporter reporter)
    {
        var previous = CurrentReporter.Value;
        CurrentReporter.Value = reporter;
        return new Restore(previous);
    }

    private sealed class Restore : System.IDisposable
    {
        private readonly IOperationReporter? _previous;

        public Restore(IOperationReporter? previous) => _previous = previous;

        public void Dispose() => CurrentReporter.Value = _previous;
    }

    private sealed class NullReporter : IOperationReporter
    {
        public static readonly NullReporter Instance = new();

        public void Verbose(string message) { }
        public void Debug(string message) { }
        public void Warning(string message) { }
        public void Progress(ProgressUpdate update) { }
    }
}

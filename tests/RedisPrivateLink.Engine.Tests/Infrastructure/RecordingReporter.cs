using System.Collections.Concurrent;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Engine.Tests.Infrastructure;

/// <summary>Keeps everything the engine reported.</summary>
internal sealed class RecordingReporter : IOperationReporter
{
    public ConcurrentQueue<string> VerboseLines { get; } = new();
    public ConcurrentQueue<string> DebugLines { get; } = new();
    public ConcurrentQueue<ProgressUpdate> ProgressUpdates { get; } = new();

    public void Verbose(string message) => VerboseLines.Enqueue(message);
    public void Debug(string message) => DebugLines.Enqueue(message);
    public void Warning(string message) => VerboseLines.Enqueue("WARNING: " + message);
    public void Progress(ProgressUpdate update) => ProgressUpdates.Enqueue(update);
}

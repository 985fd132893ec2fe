using System;
using System.Collections.Generic;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Tests.Shared;

/// <summary>Keeps everything the engine reports, so tests can assert what -Verbose, -Debug, warnings and progress would show; steps report from several threads at once.</summary>
internal sealed class RecordingReporter : IOperationReporter
{
    private readonly object _gate = new();
    private readonly List<string> _verbose = new();
    private readonly List<string> _debug = new();
    private readonly List<string> _warnings = new();
    private readonly List<ProgressUpdate> _progress = new();

    /// <summary>Raised after a verbose line is recorded, on the thread that wrote it.</summary>
    public event Action<string>? VerboseWritten;

    public IReadOnlyList<string> VerboseLines => Snapshot(_verbose);

    public IReadOnlyList<string> DebugLines => Snapshot(_debug);

    public IReadOnlyList<string> Warnings => Snapshot(_warnings);

    public IReadOnlyList<ProgressUpdate> ProgressUpdates => Snapshot(_progress);

    public void Verbose(string message)
    {
        Record(_verbose, message);
        VerboseWritten?.Invoke(message);
    }

    public void Debug(string message) => Record(_debug, message);

    public void Warning(string message) => Record(_warnings, message);

    public void Progress(ProgressUpdate update) => Record(_progress, update);

    private void Record<T>(List<T> list, T item)
    {
        lock (_gate)
        {
            list.Add(item);
        }
    }

    private IReadOnlyList<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return list.ToArray();
        }
    }
}

using System;
using System.Collections.Generic;
using RedisPrivateLink.Engine.Diagnostics;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Plans;

/// <summary>Keeps everything the executor reports; steps call it from several threads at once.</summary>
internal sealed class RecordingReporter : IOperationReporter
{
    private readonly object _gate = new();
    private readonly List<string> _verbose = new();
    private readonly List<string> _warnings = new();
    private readonly List<ProgressUpdate> _progress = new();

    /// <summary>Raised after a verbose line is recorded, on the thread that wrote it.</summary>
    public event Action<string>? VerboseWritten;

    public IReadOnlyList<string> VerboseLines
    {
        get { lock (_gate) { return _verbose.ToArray(); } }
    }

    public IReadOnlyList<string> Warnings
    {
        get { lock (_gate) { return _warnings.ToArray(); } }
    }

    public IReadOnlyList<ProgressUpdate> ProgressUpdates
    {
        get { lock (_gate) { return _progress.ToArray(); } }
    }

    public void Verbose(string message)
    {
        lock (_gate)
        {
            _verbose.Add(message);
        }

        VerboseWritten?.Invoke(message);
    }

    public void Debug(string message)
    {
    }

    public void Warning(string message)
    {
        lock (_gate)
        {
            _warnings.Add(message);
        }
    }

    public void Progress(ProgressUpdate update)
    {
        lock (_gate)
        {
            _progress.Add(update);
        }
    }
}

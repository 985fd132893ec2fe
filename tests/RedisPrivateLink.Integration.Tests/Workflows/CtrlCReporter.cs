using System.Diagnostics;
using System.Text.RegularExpressions;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>The moment of one write at which <see cref="CtrlCReporter"/> presses Ctrl+C.</summary>
internal enum CtrlCMoment
{
    /// <summary>As the engine is about to send the write.</summary>
    BeforeSending,

    /// <summary>Once ARM has the write and holds it unanswered (a delay fault armed on it).</summary>
    WhileHeld,

    /// <summary>Once ARM accepted the write and the engine polls its operation.</summary>
    WhilePolling,
}

/// <summary>
/// Presses Ctrl+C (cancels its token) at one moment of one write, recognised from what the engine reports: the debug
/// line of the request, or the progress of its long-running operation. No timing decides when.
/// </summary>
internal sealed class CtrlCReporter : IOperationReporter, IDisposable
{
    /// <summary>How the gateway's progress bar names each method's operation, so a PATCH's is not taken for a POST's on the same cache.</summary>
    private static readonly Dictionary<string, string> OperationVerbs = new()
    {
        ["PUT"] = "Creating or updating ",
        ["PATCH"] = "Updating ",
        ["DELETE"] = "Deleting ",
        ["POST"] = "Running ",
    };

    private readonly CancellationTokenSource _stop = new();
    private readonly CtrlCMoment _moment;
    private readonly string _method;
    private readonly Regex _path;
    private readonly string _resource;
    private readonly Func<Task> _untilHeld;
    private readonly Stopwatch _sincePressed = new();
    private readonly HashSet<string> _writesBeforePress = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _writesAfterPress = new(StringComparer.OrdinalIgnoreCase);
    private int _triggered;

    /// <param name="pathPattern">
    /// The emulator's glob for the write's path; its last segment names the resource, or for a POST action (export,
    /// import) the segment before it: the action's operation runs on the resource it acts on.
    /// </param>
    /// <param name="untilHeld">Completes once ARM holds the write (for <see cref="CtrlCMoment.WhileHeld"/>).</param>
    public CtrlCReporter(CtrlCMoment moment, string method, string pathPattern, Func<Task> untilHeld)
    {
        _moment = moment;
        _method = method;
        _path = new Regex("^" + Regex.Escape(pathPattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase);
        var segments = pathPattern.Split('/');
        _resource = segments[method == "POST" ? segments.Length - 2 : segments.Length - 1];
        _untilHeld = untilHeld;
    }

    public CancellationToken Token => _stop.Token;

    public bool Pressed => _stop.IsCancellationRequested;

    /// <summary>Time since Ctrl+C was pressed.</summary>
    public TimeSpan SincePressed => _sincePressed.Elapsed;

    /// <summary>"METHOD /path" of the writes the engine first went to send after Ctrl+C; none of them may reach ARM.</summary>
    public IReadOnlyCollection<string> WritesAfterPress
    {
        get
        {
            lock (_writesAfterPress)
            {
                return _writesAfterPress.ToList();
            }
        }
    }

    public void Verbose(string message)
    {
    }

    public void Debug(string message)
    {
        Note(message);
        if (_moment == CtrlCMoment.WhilePolling || !IsTheWrite(message) || Interlocked.Exchange(ref _triggered, 1) != 0)
        {
            return;
        }

        if (_moment == CtrlCMoment.BeforeSending)
        {
            Press();
            return;
        }

        _ = Task.Run(async () =>
        {
            await _untilHeld();
            Press();
        });
    }

    public void Warning(string message)
    {
    }

    public void Progress(ProgressUpdate update)
    {
        if (_moment == CtrlCMoment.WhilePolling
            && !update.Completed
            && (IsTheOperation(update) || IsTheCacheWait(update))
            && Interlocked.Exchange(ref _triggered, 1) == 0)
        {
            Press();
        }
    }

    public void Dispose() => _stop.Dispose();

    private void Press()
    {
        _sincePressed.Start();
        _stop.Cancel();
    }

    /// <summary>Files each write the engine goes to send under before or after Ctrl+C, by the first time it went to.</summary>
    private void Note(string message)
    {
        if (RequestOf(message) is not { } request || request.StartsWith("GET ", StringComparison.Ordinal))
        {
            return;
        }

        lock (_writesAfterPress)
        {
            if (!Pressed)
            {
                _writesBeforePress.Add(request);
            }
            else if (!_writesBeforePress.Contains(request))
            {
                _writesAfterPress.Add(request);
            }
        }
    }

    /// <summary>The gateway's progress bar for the resource's long-running operation: "Creating or updating TYPE 'name'", "Running TYPE 'name'" for an action.</summary>
    private bool IsTheOperation(ProgressUpdate update) =>
        update.Activity.StartsWith(OperationVerbs[_method], StringComparison.Ordinal)
        && update.Activity.EndsWith($"'{_resource}'", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The cache step polls the cache itself, saying so in its own progress bar, which names the cache ("cache 'name'":
    /// a Managed Redis step's also names its database 'default', whose PUT follows the wait).
    /// </summary>
    private bool IsTheCacheWait(ProgressUpdate update) =>
        update.Status.Contains("Azure takes 15-30 minutes to create a cache", StringComparison.Ordinal)
        && update.Activity.Contains($"cache '{_resource}'", StringComparison.OrdinalIgnoreCase);

    /// <summary>"METHOD /path" from the gateway's debug line for a request ("HTTP request METHOD /path?api-version=...", then its headers).</summary>
    private static string? RequestOf(string message)
    {
        const string Prefix = "HTTP request ";
        if (!message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var line = message.Substring(Prefix.Length);
        var end = line.IndexOfAny(new[] { '?', '\r', '\n' });
        return end < 0 ? line : line.Substring(0, end);
    }

    private bool IsTheWrite(string message) =>
        RequestOf(message) is { } request
        && request.StartsWith(_method + " ", StringComparison.Ordinal)
        && _path.IsMatch(request.Substring(_method.Length + 1));
}

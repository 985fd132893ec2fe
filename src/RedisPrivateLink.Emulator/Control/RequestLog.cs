namespace RedisPrivateLink.Emulator.Control;

/// <summary>One ARM call as /_emulator/requests reports it. Never bodies (they may hold keys); secrets in the query redacted.</summary>
public sealed record RequestLogEntry(
    string Method,
    string Path,
    string Query,
    int Status,
    double DurationMs,
    DateTimeOffset Time,
    string RequestId,
    string CorrelationRequestId);

internal sealed class RequestLog
{
    private readonly List<RequestLogEntry> _entries = [];
    private readonly Lock _gate = new();

    public void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_gate)
        {
            return _entries.ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}

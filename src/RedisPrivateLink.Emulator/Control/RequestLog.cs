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
    private readonly List<RequestLogEntry> entries = [];
    private readonly Lock gate = new();

    public void Add(RequestLogEntry entry)
    {
        lock (gate)
        {
            entries.Add(entry);
        }
    }

    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (gate)
        {
            return entries.ToList();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }
}

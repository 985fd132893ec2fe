using System.Threading;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// How many HTTP requests a gateway sent, by ARM throttling bucket (every attempt, retries included, since each one
/// spends the subscription's budget). Thread-safe.
/// </summary>
public sealed class ArmRequestCounters
{
    private long _reads;
    private long _writes;
    private long _deletes;
    private long _polls;
    private long _throttled;

    /// <summary>GET requests for resources and lists (not polls).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>PUT, PATCH and POST requests.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public long Deletes => Interlocked.Read(ref _deletes);

    /// <summary>GET requests that check the progress of a long-running operation.</summary>
    public long Polls => Interlocked.Read(ref _polls);

    /// <summary>Responses that were 429 Too Many Requests.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    public long Total => Reads + Writes + Deletes + Polls;

    public override string ToString() => $"reads {Reads}, writes {Writes}, deletes {Deletes}, polls {Polls}, throttled {Throttled}";

    internal void Count(ArmRequestKind kind)
    {
        switch (kind)
        {
            case ArmRequestKind.Read:
                Interlocked.Increment(ref _reads);
                break;
            case ArmRequestKind.Write:
                Interlocked.Increment(ref _writes);
                break;
            case ArmRequestKind.Delete:
                Interlocked.Increment(ref _deletes);
                break;
            case ArmRequestKind.Poll:
                Interlocked.Increment(ref _polls);
                break;
        }
    }

    internal void CountThrottled() => Interlocked.Increment(ref _throttled);
}

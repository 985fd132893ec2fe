using System;
using System.Threading;
using System.Threading.Tasks;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// The client's side of ARM's per-subscription throttling, shared by every request of one gateway (one context, one
/// subscription): a token bucket per ARM bucket (reads with polls, writes, deletes) that makes each request wait its
/// turn instead of being refused with 429. Many concurrent operations thus run at the rate ARM grants, without 429s
/// eating into each request's retries. The server's x-ms-ratelimit-remaining-subscription-* answers (429s carry them
/// too) lower the client's count when others spend the same budget. The client keeps a few tokens in hand below what
/// ARM has, because requests released evenly reach ARM bunched (threads and network add jitter) and would otherwise
/// find its bucket empty.
/// </summary>
internal sealed class ArmRateLimiter
{
    private readonly Bucket _reads;
    private readonly Bucket _writes;
    private readonly Bucket _deletes;
    private readonly Func<TimeSpan, CancellationToken, Task> _wait;

    public ArmRateLimiter(ArmRateLimits limits, Func<TimeSpan> clock, Func<TimeSpan, CancellationToken, Task> wait)
    {
        _reads = new Bucket(limits.Reads, clock);
        _writes = new Bucket(limits.Writes, clock);
        _deletes = new Bucket(limits.Deletes, clock);
        _wait = wait;
    }

    /// <summary>Takes a token for a request of <paramref name="kind"/>, waiting until the bucket has one for it.</summary>
    public Task AcquireAsync(ArmRequestKind kind, CancellationToken cancellationToken)
    {
        var delay = BucketOf(kind).Reserve();
        return delay > TimeSpan.Zero ? _wait(delay, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Learns from ARM's answer what remains of the subscription's budget; never more than the client counts.</summary>
    public void Observe(ArmRequestKind kind, int remaining) => BucketOf(kind).LowerTo(remaining);

    private Bucket BucketOf(ArmRequestKind kind) => kind switch
    {
        ArmRequestKind.Write => _writes,
        ArmRequestKind.Delete => _deletes,
        _ => _reads,
    };

    /// <summary>A token bucket whose count may go negative: each request below zero is a reservation further ahead.</summary>
    private sealed class Bucket
    {
        private readonly ArmRateLimit _limit;
        private readonly Func<TimeSpan> _clock;
        private readonly object _gate = new();
        private readonly int _inHand;
        private double _tokens;
        private TimeSpan _refilledAt;

        public Bucket(ArmRateLimit limit, Func<TimeSpan> clock)
        {
            _limit = limit;
            _clock = clock;
            // One in twenty of the burst: ten writes, twelve reads, enough for a second of jitter at ARM's rates.
            _inHand = limit.Burst / 20;
            _tokens = limit.Burst - _inHand;
            _refilledAt = clock();
        }

        /// <summary>Takes a token; returns how long to wait until it is really there.</summary>
        public TimeSpan Reserve()
        {
            lock (_gate)
            {
                Refill();
                _tokens -= 1;
                return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _limit.PerSecond);
            }
        }

        public void LowerTo(int remaining)
        {
            lock (_gate)
            {
                Refill();
                _tokens = Math.Min(_tokens, remaining - _inHand);
            }
        }

        private void Refill()
        {
            var now = _clock();
            _tokens = Math.Min(_limit.Burst - _inHand, _tokens + ((now - _refilledAt).TotalSeconds * _limit.PerSecond));
            _refilledAt = now;
        }
    }
}

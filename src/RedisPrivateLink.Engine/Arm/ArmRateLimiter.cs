using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// The client's side of ARM's throttling, shared by every request of one gateway: for each subscription a request
/// names in its path (and one set for the tenant's own requests, such as GET /subscriptions), a token bucket per ARM
/// bucket (reads with polls, writes, deletes) that makes each request wait its turn instead of being refused with 429.
/// ARM counts per subscription, so a fleet spread over several subscriptions runs at each one's rate at once. Many concurrent operations thus run at the rate ARM grants, without 429s
/// eating into each request's retries. The server's x-ms-ratelimit-remaining-subscription-* answers (429s carry them
/// too) lower the client's count when others spend the same budget. The client keeps a few tokens in hand below what
/// ARM has, because requests released evenly reach ARM bunched (threads and network add jitter) and would otherwise
/// find its bucket empty.
/// </summary>
internal sealed class ArmRateLimiter
{
    /// <summary>The scope of requests outside any subscription (GET /subscriptions, tenant-level providers).</summary>
    public const string TenantScope = "";

    private readonly ArmRateLimits _limits;
    private readonly Func<TimeSpan> _clock;
    private readonly Func<TimeSpan, CancellationToken, Task> _wait;
    private readonly ConcurrentDictionary<string, ScopeBuckets> _scopes = new(StringComparer.OrdinalIgnoreCase);

    public ArmRateLimiter(ArmRateLimits limits, Func<TimeSpan> clock, Func<TimeSpan, CancellationToken, Task> wait)
    {
        _limits = limits;
        _clock = clock;
        _wait = wait;
    }

    /// <summary>
    /// The subscription id a request's path starts with (/subscriptions/{id}/...), or <see cref="TenantScope"/>: the
    /// budget ARM charges it to. Polls of an operation carry their subscription in the URL ARM gave.
    /// </summary>
    public static string ScopeOf(Uri uri)
    {
        var segments = uri.AbsolutePath.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        return segments.Length >= 2 && string.Equals(segments[0], "subscriptions", StringComparison.OrdinalIgnoreCase)
            ? Uri.UnescapeDataString(segments[1])
            : TenantScope;
    }

    /// <summary>Takes a token of <paramref name="scope"/>'s bucket for a request of <paramref name="kind"/>, waiting until the bucket has one for it.</summary>
    public Task AcquireAsync(string scope, ArmRequestKind kind, CancellationToken cancellationToken)
    {
        var delay = BucketOf(scope, kind).Reserve();
        return delay > TimeSpan.Zero ? _wait(delay, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Learns from ARM's answer what remains of the scope's budget; never more than the client counts.</summary>
    public void Observe(string scope, ArmRequestKind kind, int remaining) => BucketOf(scope, kind).LowerTo(remaining);

    private Bucket BucketOf(string scope, ArmRequestKind kind)
    {
        var buckets = _scopes.GetOrAdd(scope, _ => new ScopeBuckets(_limits, _clock));
        return kind switch
        {
            ArmRequestKind.Write => buckets.Writes,
            ArmRequestKind.Delete => buckets.Deletes,
            _ => buckets.Reads,
        };
    }

    /// <summary>ARM's three buckets of one subscription (or of the tenant).</summary>
    private sealed class ScopeBuckets
    {
        public ScopeBuckets(ArmRateLimits limits, Func<TimeSpan> clock)
        {
            Reads = new Bucket(limits.Reads, clock);
            Writes = new Bucket(limits.Writes, clock);
            Deletes = new Bucket(limits.Deletes, clock);
        }

        public Bucket Reads { get; }

        public Bucket Writes { get; }

        public Bucket Deletes { get; }
    }

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

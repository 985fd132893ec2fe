using RedisPrivateLink.Emulator.Hosting;

namespace RedisPrivateLink.Emulator.Throttling;

internal enum RequestCategory
{
    Reads,
    Writes,
    Deletes,
}

/// <summary>
/// ARM's per-subscription request limits (one region: the emulator has no regional front doors). Refill runs on the
/// real clock, not the time scale: a client that is fast against a scaled-down provider must still pace its calls.
/// Beside the regional bucket ARM (throttling version 2) counts a global one per subscription across regions, and
/// answers both remainders; the recordings show the global one fifteen times the regional (reads 1099 and 16499, writes
/// and deletes 799 and 11999: shared/recordings/additional). In one region the global bucket drains with the regional
/// one and never refuses first, so it only feeds the header.
/// </summary>
internal sealed class SubscriptionThrottle(ThrottlingOptions options, TimeProvider clock)
{
    /// <summary>The global bucket's size and refill as a multiple of the regional one's, as recorded.</summary>
    public const int GlobalMultiple = 15;

    public const string ThrottlingVersionHeader = "x-ms-throttling-version";

    public const string ThrottlingVersion = "v2";

    private readonly Dictionary<(string, RequestCategory), TokenBucket> _buckets = [];
    private readonly Dictionary<(string, RequestCategory), TokenBucket> _globalBuckets = [];
    private readonly Lock _gate = new();

    public static RequestCategory Categorize(string method) => method switch
    {
        "GET" or "HEAD" => RequestCategory.Reads,
        "DELETE" => RequestCategory.Deletes,
        _ => RequestCategory.Writes,
    };

    public static string HeaderName(RequestCategory category) =>
        $"x-ms-ratelimit-remaining-subscription-{category.ToString().ToLowerInvariant()}";

    public static string GlobalHeaderName(RequestCategory category) =>
        $"x-ms-ratelimit-remaining-subscription-global-{category.ToString().ToLowerInvariant()}";

    /// <summary>Null when throttling is off.</summary>
    public (bool Taken, int Remaining, int GlobalRemaining, int RetryAfterSeconds)? TryTake(string subscriptionScope, RequestCategory category)
    {
        if (!options.Enabled)
        {
            return null;
        }

        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var key = (subscriptionScope.ToLowerInvariant(), category);
            var settings = category switch
            {
                RequestCategory.Reads => options.Reads,
                RequestCategory.Writes => options.Writes,
                _ => options.Deletes,
            };
            if (!_buckets.TryGetValue(key, out var bucket))
            {
                bucket = new TokenBucket(settings.Burst, settings.RefillPerSecond, now);
                _buckets[key] = bucket;
                _globalBuckets[key] = new TokenBucket(settings.Burst * GlobalMultiple, settings.RefillPerSecond * GlobalMultiple, now);
            }

            var (taken, remaining, retryAfterSeconds) = bucket.TryTake(now);
            var global = _globalBuckets[key];
            var globalRemaining = taken ? global.TryTake(now).Remaining : global.Peek(now);
            return (taken, remaining, globalRemaining, retryAfterSeconds);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _buckets.Clear();
            _globalBuckets.Clear();
        }
    }
}

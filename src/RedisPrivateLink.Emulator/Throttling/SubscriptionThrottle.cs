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
/// </summary>
internal sealed class SubscriptionThrottle(ThrottlingOptions options, TimeProvider clock)
{
    private readonly Dictionary<(string, RequestCategory), TokenBucket> buckets = [];
    private readonly Lock gate = new();

    public static RequestCategory Categorize(string method) => method switch
    {
        "GET" or "HEAD" => RequestCategory.Reads,
        "DELETE" => RequestCategory.Deletes,
        _ => RequestCategory.Writes,
    };

    public static string HeaderName(RequestCategory category) =>
        $"x-ms-ratelimit-remaining-subscription-{category.ToString().ToLowerInvariant()}";

    /// <summary>Null when throttling is off.</summary>
    public (bool Taken, int Remaining, int RetryAfterSeconds)? TryTake(string subscriptionScope, RequestCategory category)
    {
        if (!options.Enabled)
        {
            return null;
        }

        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (!buckets.TryGetValue((subscriptionScope.ToLowerInvariant(), category), out var bucket))
            {
                var settings = category switch
                {
                    RequestCategory.Reads => options.Reads,
                    RequestCategory.Writes => options.Writes,
                    _ => options.Deletes,
                };
                bucket = new TokenBucket(settings.Burst, settings.RefillPerSecond, now);
                buckets[(subscriptionScope.ToLowerInvariant(), category)] = bucket;
            }

            return bucket.TryTake(now);
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            buckets.Clear();
        }
    }
}

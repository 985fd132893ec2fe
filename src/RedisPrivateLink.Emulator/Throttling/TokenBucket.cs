namespace RedisPrivateLink.Emulator.Throttling;

/// <summary>A classic token bucket: starts full at its burst size, refills continuously at its rate.</summary>
internal sealed class TokenBucket(int burst, double refillPerSecond, DateTimeOffset now)
{
    private double _tokens = burst;
    private DateTimeOffset _refilledAt = now;

    /// <summary>Takes a token if there is one; otherwise says how many whole seconds until there will be.</summary>
    public (bool Taken, int Remaining, int RetryAfterSeconds) TryTake(DateTimeOffset now)
    {
        Refill(now);
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return (true, (int)Math.Floor(_tokens), 0);
        }

        var wait = refillPerSecond > 0 ? (int)Math.Ceiling((1 - _tokens) / refillPerSecond) : int.MaxValue;
        return (false, 0, Math.Max(1, wait));
    }

    /// <summary>What remains, without taking a token (a request refused elsewhere spends nothing here).</summary>
    public int Peek(DateTimeOffset now)
    {
        Refill(now);
        return (int)Math.Floor(_tokens);
    }

    private void Refill(DateTimeOffset now)
    {
        _tokens = Math.Min(burst, _tokens + Math.Max(0, (now - _refilledAt).TotalSeconds) * refillPerSecond);
        _refilledAt = now;
    }
}

using System;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// ARM's per-subscription token buckets, as the client paces itself against them: a burst, then a steady rate.
/// </summary>
public sealed class ArmRateLimits
{
    /// <summary>Azure's documented limits per subscription and region: reads 250 + 25/s, writes and deletes 200 + 10/s.</summary>
    public static ArmRateLimits Azure => new();

    public ArmRateLimit Reads { get; set; } = new(250, 25);

    public ArmRateLimit Writes { get; set; } = new(200, 10);

    public ArmRateLimit Deletes { get; set; } = new(200, 10);
}

/// <summary>One bucket: <see cref="Burst"/> requests at once, refilled at <see cref="PerSecond"/>.</summary>
public sealed class ArmRateLimit
{
    public ArmRateLimit(int burst, double perSecond)
    {
        Burst = burst >= 1 ? burst : throw new ArgumentOutOfRangeException(nameof(burst), burst, "The burst must be at least one request.");
        PerSecond = perSecond > 0 ? perSecond : throw new ArgumentOutOfRangeException(nameof(perSecond), perSecond, "The rate must be positive.");
    }

    public int Burst { get; }

    public double PerSecond { get; }
}

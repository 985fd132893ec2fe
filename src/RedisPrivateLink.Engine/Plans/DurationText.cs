using System;
using System.Globalization;

namespace RedisPrivateLink.Engine.Plans;

/// <summary>Durations as progress and verbose lines show them: "12.3 s" for short steps, "17 min 4 s" for a cache.</summary>
internal static class DurationText
{
    public static string Format(TimeSpan duration) =>
        duration < TimeSpan.FromMinutes(1)
            ? duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
            : string.Format(CultureInfo.InvariantCulture, "{0} min {1} s", (int)duration.TotalMinutes, duration.Seconds);
}

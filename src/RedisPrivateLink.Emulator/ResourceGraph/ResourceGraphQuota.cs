using System.Globalization;
using RedisPrivateLink.Emulator.Hosting;

namespace RedisPrivateLink.Emulator.ResourceGraph;

/// <summary>
/// Resource Graph's throttling: a quota of queries per user per time window, "at most 15 queries within every 5-second
/// window" by default, told in every answer by x-ms-user-quota-remaining (an int) and x-ms-user-quota-resets-after
/// (hh:mm:ss) (Microsoft docs, "Guidance for throttled requests in Azure Resource Graph"). The window starts with the
/// first query after the last one ended. The emulator serves one user: every caller shares the quota (our
/// simplification; Azure counts per user). Real time, like ARM's throttling: the time scale does not apply.
/// </summary>
internal sealed class ResourceGraphQuota(ResourceGraphOptions options, TimeProvider clock)
{
    public const string RemainingHeader = "x-ms-user-quota-remaining";

    public const string ResetsAfterHeader = "x-ms-user-quota-resets-after";

    private readonly Lock _gate = new();
    private DateTimeOffset _windowEnds = DateTimeOffset.MinValue;
    private int _used;

    /// <summary>Counts one query; Taken false when the window's quota is spent. Always says what remains and when it resets.</summary>
    public (bool Taken, int Remaining, string ResetsAfter) TryTake()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (now >= _windowEnds)
            {
                _windowEnds = now + options.QuotaWindow;
                _used = 0;
            }

            var taken = _used < options.QueriesPerWindow;
            if (taken)
            {
                _used++;
            }

            return (taken, options.QueriesPerWindow - _used, Format(_windowEnds - now));
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _windowEnds = DateTimeOffset.MinValue;
            _used = 0;
        }
    }

    /// <summary>hh:mm:ss, rounded up to the second so that a client waiting that long finds the quota reset.</summary>
    private static string Format(TimeSpan duration) =>
        TimeSpan.FromSeconds(Math.Ceiling(Math.Max(0, duration.TotalSeconds))).ToString("hh\\:mm\\:ss", CultureInfo.InvariantCulture);
}

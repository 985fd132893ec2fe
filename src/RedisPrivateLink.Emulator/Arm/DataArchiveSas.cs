using System.Globalization;
using RedisPrivateLink.Emulator.Providers;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>
/// The rule Microsoft.Cache applies to the SAS URLs of a classic export or import before it starts, quoted from the
/// "I received a timeout error during my Import/Export operation" FAQ of cache-how-to-import-export-data: "One of the
/// SAS URIs provided could not be used for the following reason: The SAS token end time (se) must be at least 1 hour
/// from now and the start time (st), if given, must be at least 15 minutes in the past." The hour and the 15 minutes are
/// about the token's wall-clock validity, not a duration the emulator plays out, so they are compared with the
/// emulator's clock unscaled. A URL without se (a stored access policy holds its expiry) passes.
/// </summary>
internal static class DataArchiveSas
{
    public const string Message =
        "One of the SAS URIs provided could not be used for the following reason: The SAS token end time (se) must be at " +
        "least 1 hour from now and the start time (st), if given, must be at least 15 minutes in the past.";

    private static readonly TimeSpan MinimumRemaining = TimeSpan.FromHours(1);
    private static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Refuses the request when a URL's se is less than an hour away or its st less than 15 minutes ago. Our reading:
    /// the FAQ gives the message but not the status or code, so the answer is the RP's generic 400 BadRequest.
    /// </summary>
    public static void RequireUsable(IEnumerable<string> urls, DateTimeOffset now)
    {
        foreach (var url in urls)
        {
            var end = Parameter(url, "se");
            var start = Parameter(url, "st");
            if ((end is { } se && se < now + MinimumRemaining) || (start is { } st && st > now - MinimumAge))
            {
                throw RedisErrors.Error(400, "BadRequest", Message);
            }
        }
    }

    /// <summary>A SAS time parameter (ISO 8601, UTC; a date alone means its midnight), or null when absent or unreadable.</summary>
    private static DateTimeOffset? Parameter(string url, string name)
    {
        var query = url.IndexOf('?') is var at and >= 0 ? url[(at + 1)..] : string.Empty;
        foreach (var pair in query.Split('&'))
        {
            var separator = pair.IndexOf('=');
            if (separator > 0 && pair[..separator].Equals(name, StringComparison.Ordinal)
                && DateTimeOffset.TryParse(Uri.UnescapeDataString(pair[(separator + 1)..]), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                return time;
            }
        }

        return null;
    }
}

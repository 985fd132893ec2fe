using System;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>
/// Azure locations in the form ARM returns them ("eastus"), whichever form the user typed ("East US", "EASTUS").
/// </summary>
public static class LocationRules
{
    public static string Normalize(string? location, string parameterName = "Location")
    {
        return TryNormalize(location) ?? throw new ValidationException(ValidationErrorIds.InvalidLocation, parameterName,
            $"Location {NameRules.Quote(location)} is not valid. Give an Azure region name such as eastus or 'East US'.");
    }

    /// <summary>
    /// Refuses a region the cloud does not have (InvalidLocation), naming the closest ones. No check when
    /// <paramref name="knownRegions"/> is null (an ARM endpoint whose regions are not known here).
    /// </summary>
    public static string RequireKnownRegion(string? location, IReadOnlyList<string>? knownRegions, string parameterName = "Location")
    {
        var normalized = Normalize(location, parameterName);
        if (knownRegions is null || knownRegions.Contains(normalized))
        {
            return normalized;
        }

        var prefix = normalized.Substring(0, Math.Min(4, normalized.Length));
        var close = knownRegions.Where(region => region.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        var suggestion = close.Count > 0 ? $" Did you mean {string.Join(", ", close)}?" : " Press Tab after -Location to list the regions.";
        throw new ValidationException(ValidationErrorIds.InvalidLocation, parameterName,
            $"Location {NameRules.Quote(location)} is not a region of this cloud.{suggestion}");
    }

    public static bool AreSame(string? first, string? second) =>
        TryNormalize(first) is { } a && TryNormalize(second) is { } b && a == b;

    private static string? TryNormalize(string? location)
    {
        var normalized = new string((location ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
        return normalized.Length > 0 && normalized.All(NameRules.IsAsciiLetterOrDigit) ? normalized : null;
    }
}

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

    public static bool AreSame(string? first, string? second) =>
        TryNormalize(first) is { } a && TryNormalize(second) is { } b && a == b;

    /// <summary>
    /// A VNet-injected cache must be in its virtual network's region. Private endpoints may be in another region than
    /// the cache, so they use <see cref="AreSame"/> at most for information.
    /// </summary>
    public static void RequireSameLocation(string? vnetLocation, string? cacheLocation, string parameterName = "Location")
    {
        var vnet = Normalize(vnetLocation, "VirtualNetworkLocation");
        var cache = Normalize(cacheLocation, parameterName);
        if (vnet != cache)
        {
            throw new ValidationException(ValidationErrorIds.LocationMismatch, parameterName,
                $"The cache location '{cache}' differs from its virtual network's location '{vnet}'; a VNet-injected cache must be in the same region as its virtual network. Use -Location {vnet}, or a subnet in a virtual network in {cache}.");
        }
    }

    private static string? TryNormalize(string? location)
    {
        var normalized = new string((location ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
        return normalized.Length > 0 && normalized.All(NameRules.IsAsciiLetterOrDigit) ? normalized : null;
    }
}

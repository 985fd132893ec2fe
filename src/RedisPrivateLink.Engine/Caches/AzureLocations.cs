using System.Linq;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>Locations as ARM's network providers spell them ("eastus"); the Redis provider answers display names ("East US").</summary>
internal static class AzureLocations
{
    public static string Normalize(string? location) =>
        new string((location ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();
}

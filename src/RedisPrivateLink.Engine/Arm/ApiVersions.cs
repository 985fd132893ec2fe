using System;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// The api-version of every ARM type the module touches, pinned so a request always has the shape the models expect.
/// The version is picked from the first type under the last <c>providers/</c> segment of a path, so children and actions
/// (privateEndpointConnections, listKeys, locations/asyncOperations) use their parent service's version.
/// </summary>
public static class ApiVersions
{
    public const string Redis = "2024-11-01";
    public const string RedisEnterprise = "2025-07-01";
    public const string Network = "2024-05-01";
    public const string PrivateDns = "2024-06-01";
    public const string ResourceGroups = "2021-04-01";
    public const string Tags = "2021-04-01";
    public const string Storage = "2023-05-01";
    public const string Subscriptions = "2022-12-01";
    public const string ResourceProviders = "2021-04-01";

    /// <summary>Resource Graph's query (POST /providers/Microsoft.ResourceGraph/resources), sent with this version explicitly.</summary>
    public const string ResourceGraph = "2022-10-01";

    /// <summary>The api-version for an ARM path (a resource id, a collection, or an action).</summary>
    /// <exception cref="ArgumentException">The path names a type that has no pinned version.</exception>
    public static string ForPath(string path)
    {
        var segments = path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        var providers = Array.FindLastIndex(segments, s => s.Equals("providers", StringComparison.OrdinalIgnoreCase));
        if (providers < 0)
        {
            return Array.Exists(segments, s => s.Equals("resourceGroups", StringComparison.OrdinalIgnoreCase)) ? ResourceGroups : Subscriptions;
        }

        if (providers + 1 >= segments.Length)
        {
            throw new ArgumentException($"'{path}' names no resource provider after 'providers/'.", nameof(path));
        }

        // A namespace's registration: /subscriptions/{s}/providers/{namespace}[/register], Microsoft.Resources' API.
        if (providers == 2 && (segments.Length == 4 || (segments.Length == 5 && segments[4].Equals("register", StringComparison.OrdinalIgnoreCase))))
        {
            return ResourceProviders;
        }

        var providerNamespace = segments[providers + 1];
        var firstType = providers + 2 < segments.Length ? segments[providers + 2] : string.Empty;
        return ForType(providerNamespace + "/" + firstType)
            ?? throw new ArgumentException($"No api-version is pinned for '{providerNamespace}/{firstType}' (in '{path}'); pass one explicitly.", nameof(path));
    }

    private static string? ForType(string type)
    {
        switch (type.ToLowerInvariant())
        {
            case "microsoft.cache/redisenterprise":
                return RedisEnterprise;
            case "microsoft.cache/redis":
            case "microsoft.cache/locations":
            case "microsoft.cache/checknameavailability":
            case "microsoft.cache/operations":
                return Redis;
            case "microsoft.network/privatednszones":
            case "microsoft.network/privatednsoperationstatuses":
            case "microsoft.network/privatednsoperationresults":
                return PrivateDns;
            case "microsoft.network/virtualnetworks":
            case "microsoft.network/privateendpoints":
            case "microsoft.network/networkinterfaces":
            case "microsoft.network/locations":
                return Network;
            case "microsoft.storage/storageaccounts":
            case "microsoft.storage/checknameavailability":
                return Storage;
            case "microsoft.resources/resourcegroups":
                return ResourceGroups;
            case "microsoft.resources/tags":
                return Tags;
            default:
                return null;
        }
    }
}

using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Runtime;

/// <summary>Reads a cache's resource id given by a user or a piped object, refusing anything that is not one.</summary>
internal static class CacheIds
{
    /// <summary>
    /// The resource id of a classic cache given by name, for cmdlets that take -Name/-ResourceGroupName. Both names
    /// are checked first, so a name can never reshape the path (a '/', '?' or '..' in it).
    /// </summary>
    public static string Format(string subscriptionId, string resourceGroupName, string name, string nameParameter = "Name")
    {
        NameRules.ValidateResourceGroupName(resourceGroupName);
        NameRules.ValidateCacheName(name, nameParameter);
        return $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Cache/redis/{name}";
    }

    /// <summary>The resource id of a private endpoint given by name, both names checked first.</summary>
    public static string FormatEndpoint(string subscriptionId, string resourceGroupName, string name)
    {
        NameRules.ValidateResourceGroupName(resourceGroupName);
        NameRules.ValidatePrivateEndpointName(name, "Name");
        return $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateEndpoints/{name}";
    }
}

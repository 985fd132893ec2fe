using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Runtime;

/// <summary>The resource ids of a cache or an endpoint given by -Name and -ResourceGroupName, both names checked first.</summary>
internal static class ResourceIdsByName
{
    /// <summary>
    /// The resource id of a classic cache given by name, for cmdlets that take -Name/-ResourceGroupName. Both names
    /// are checked first, so a name can never reshape the path (a '/', '?' or '..' in it).
    /// </summary>
    public static string Cache(string subscriptionId, string resourceGroupName, string name, string nameParameter = "Name")
    {
        NameRules.ValidateResourceGroupName(resourceGroupName);
        NameRules.ValidateCacheName(name, nameParameter);
        return $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Cache/redis/{name}";
    }

    /// <summary>The resource id of a private endpoint given by name, both names checked first.</summary>
    public static string Endpoint(string subscriptionId, string resourceGroupName, string name)
    {
        NameRules.ValidateResourceGroupName(resourceGroupName);
        NameRules.ValidatePrivateEndpointName(name, "Name");
        return $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Network/privateEndpoints/{name}";
    }
}

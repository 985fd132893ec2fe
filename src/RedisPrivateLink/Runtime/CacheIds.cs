using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Runtime;

/// <summary>Reads a cache's resource id given by a user or a piped object, refusing anything that is not one.</summary>
internal static class CacheIds
{
    /// <summary>The resource id of a classic cache given by name, for cmdlets that take -Name/-ResourceGroupName.</summary>
    public static string Format(string subscriptionId, string resourceGroupName, string name) =>
        $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.Cache/redis/{name}";

    public static ResourceId Parse(string value, string parameterName)
    {
        var validated = ResourceIdRules.Parse(value, ResourceIdRules.RedisCacheType, parameterName, contextSubscriptionId: null, allowOtherSubscription: true);
        return ResourceId.Parse(validated.ToString());
    }
}

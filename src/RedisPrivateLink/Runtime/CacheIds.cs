using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Runtime;

/// <summary>Reads a cache's resource id given by a user or a piped object, refusing anything that is not one.</summary>
internal static class CacheIds
{
    public static ResourceId Parse(string value, string parameterName)
    {
        var validated = ResourceIdRules.Parse(value, ResourceIdRules.RedisCacheType, parameterName, contextSubscriptionId: null, allowOtherSubscription: true);
        return ResourceId.Parse(validated.ToString());
    }
}

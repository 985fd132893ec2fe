using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Cache names are global DNS names. Microsoft.Cache's checkNameAvailability answers 200 with no body when the name is
/// free and an error (409 NameNotAvailable) when it is taken, rather than a body with available=false.
/// </summary>
internal static class CacheNameAvailability
{
    public const string NameNotAvailableCode = "NameNotAvailable";

    public static async Task RequireAvailableAsync(IArmGateway arm, string subscriptionId, string name, CancellationToken cancellationToken)
    {
        try
        {
            await arm.PostActionAsync($"/subscriptions/{subscriptionId}/providers/Microsoft.Cache/CheckNameAvailability",
                new { name, type = "Microsoft.Cache/redis" }, waitForCompletion: false, cancellationToken).ConfigureAwait(false);
        }
        catch (ArmException ex) when (ex.Code == NameNotAvailableCode || ex.Status == 409)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.CacheNameNotAvailable, RedisPrivateLinkErrorCategory.InvalidArgument,
                $"Cache name '{name}' is already taken: cache names are global DNS names (<name>.redis.cache.windows.net), and another cache, in this or another subscription, uses it. Choose another name.",
                name, ex);
        }
    }
}

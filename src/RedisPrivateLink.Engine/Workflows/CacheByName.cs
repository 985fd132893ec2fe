using System;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// A cache named by resource group and name, of either kind: the lookup the cmdlets' -Name/-CacheName parameter sets
/// share. Classic caches and Managed Redis clusters are separate namespaces, so a name may be both.
/// </summary>
public static class CacheByName
{
    /// <summary>
    /// The id of the cache <paramref name="name"/> in <paramref name="resourceGroupName"/>: the classic cache or the
    /// Managed Redis cluster of that name, whichever exists, else the classic id (so "not found" names the usual type).
    /// Both names are checked first, so a name can never reshape the path.
    /// </summary>
    /// <param name="idParameter">The cmdlet's parameter that takes a resource id instead, named when the name is ambiguous.</param>
    /// <exception cref="RedisPrivateLinkException">AmbiguousCacheName: a classic cache and a Managed Redis cluster both have the name.</exception>
    public static async Task<ResourceId> FindIdAsync(IArmGateway arm, string subscriptionId, string resourceGroupName, string name, string nameParameter, string idParameter, CancellationToken cancellationToken) =>
        (await FindAsync(arm, subscriptionId, resourceGroupName, name, nameParameter, idParameter, cancellationToken).ConfigureAwait(false)).Id;

    /// <summary>
    /// As <see cref="FindIdAsync"/>, and the cache as that lookup read it (null when neither kind has the name), so
    /// a workflow given a name does not read the cache again.
    /// </summary>
    internal static async Task<(ResourceId Id, CacheState? Cache)> FindAsync(IArmGateway arm, string subscriptionId, string resourceGroupName, string name, string nameParameter, string idParameter, CancellationToken cancellationToken)
    {
        if (arm is null)
        {
            throw new ArgumentNullException(nameof(arm));
        }

        NameRules.ValidateResourceGroupName(resourceGroupName);
        NameRules.ValidateCacheName(name, nameParameter);
        var classic = CacheKind.Classic;
        var managedRedis = CacheKind.ManagedRedis;
        var classicId = ResourceId.ForResource(subscriptionId, resourceGroupName, classic.ResourceType, name);
        var managedId = ResourceId.ForResource(subscriptionId, resourceGroupName, managedRedis.ResourceType, name);
        var classicCache = await classic.ReadAsync(arm, classicId, cancellationToken).ConfigureAwait(false);
        var managedCache = await managedRedis.ReadWhereOfferedAsync(arm, managedId, cancellationToken).ConfigureAwait(false);
        if (classicCache is not null && managedCache is not null)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.AmbiguousCacheName, RedisPrivateLinkErrorCategory.InvalidArgument,
                $"Resource group '{resourceGroupName}' has both an {classic.DisplayName} cache and an {managedRedis.DisplayName} cache named '{name}'. Say which one with -{idParameter} and its resource id: {classicId} or {managedId}.",
                name);
        }

        return managedCache is not null ? (managedId, managedCache) : (classicId, classicCache);
    }
}

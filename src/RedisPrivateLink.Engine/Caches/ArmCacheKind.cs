using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// A kind whose caches are one ARM resource type, <typeparamref name="TResource"/>: reading, listing and patching
/// public network access are the same requests for every such kind, and only how the resource maps onto a
/// <see cref="CacheState"/> differs.
/// </summary>
internal abstract class ArmCacheKind<TResource> : CacheKind
    where TResource : class
{
    internal sealed override async Task<CacheState?> ReadAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken)
    {
        var resource = await arm.GetAsync<TResource>(cacheId, cancellationToken).ConfigureAwait(false);
        return resource is null ? null : StateOf(resource, cacheId);
    }

    internal sealed override Task ForEachPageAsync(IArmGateway arm, string collectionPath, Func<IReadOnlyList<CacheState>, CancellationToken, Task> onPage, CancellationToken cancellationToken) =>
        arm.ForEachPageAsync<TResource>(collectionPath, (page, token) => onPage(page.Select(resource => StateOf(resource, null)).ToList(), token), cancellationToken);

    internal sealed override CacheState FromJson(string json) =>
        StateOf(ArmJson.Deserialize<TResource>(json) ?? throw new FormatException("A cache's body was empty."), null);

    internal sealed override async Task<CacheState> SetPublicNetworkAccessAsync(IArmGateway arm, ResourceId cacheId, string access, bool waitForCompletion, CancellationToken cancellationToken)
    {
        var patch = new { properties = new { publicNetworkAccess = access } };
        var resource = await arm.PatchAsync<TResource>(cacheId, patch, waitForCompletion, cancellationToken).ConfigureAwait(false);
        return StateOf(resource, cacheId);
    }

    /// <param name="requested">The id the cache was asked for by, when it was; a listed cache has none.</param>
    private protected abstract CacheState StateOf(TResource resource, ResourceId? requested);
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// A kind of cache the same cmdlets serve: classic Azure Cache for Redis (Microsoft.Cache/redis) or Azure Managed Redis
/// (Microsoft.Cache/redisEnterprise). Everything that differs between the two — resource type, how it is read and
/// patched, the private link group id, DNS zone and record name, the port — is asked of the kind, so the workflows
/// hold no kind-specific branches.
/// </summary>
public abstract class CacheKind
{
    private protected CacheKind()
    {
    }

    /// <summary>Azure Cache for Redis: Basic, Standard, Premium.</summary>
    public static CacheKind Classic { get; } = new ClassicCacheKind();

    /// <summary>Azure Managed Redis: Balanced, MemoryOptimized, ComputeOptimized, FlashOptimized.</summary>
    public static CacheKind ManagedRedis { get; } = new ManagedRedisCacheKind();

    public static IReadOnlyList<CacheKind> All { get; } = new[] { Classic, ManagedRedis };

    /// <summary>Classic or ManagedRedis, as output objects and -Kind name it.</summary>
    public abstract string Name { get; }

    /// <summary>The product name for messages.</summary>
    public abstract string DisplayName { get; }

    /// <summary>The ARM type, e.g. Microsoft.Cache/redis.</summary>
    public abstract string ResourceType { get; }

    /// <summary>The private link group id a private endpoint names when the cache does not say otherwise.</summary>
    public abstract string DefaultGroupId { get; }

    /// <summary>The TLS port clients connect to: 6380 (classic) or 10000 (Managed Redis).</summary>
    public abstract int TlsPort { get; }

    /// <summary>The kind of a cache id by its resource type (any casing); null for ids of anything else.</summary>
    public static CacheKind? ForType(string? resourceType) =>
        All.FirstOrDefault(kind => string.Equals(kind.ResourceType, resourceType, StringComparison.OrdinalIgnoreCase));

    /// <summary>The kind of <paramref name="cacheId"/>.</summary>
    /// <exception cref="ArgumentException">The id is of neither kind.</exception>
    public static CacheKind Of(ResourceId cacheId) =>
        ForType((cacheId ?? throw new ArgumentNullException(nameof(cacheId))).ResourceType)
        ?? throw new ArgumentException($"'{cacheId}' is a {cacheId.ResourceType}, not a Redis cache ({string.Join(" or ", All.Select(k => k.ResourceType))}).", nameof(cacheId));

    /// <summary>Classic or ManagedRedis, any casing.</summary>
    /// <exception cref="ValidationException">InvalidCacheKind.</exception>
    public static CacheKind Parse(string? name, string parameterName = "Kind") =>
        All.FirstOrDefault(kind => string.Equals(kind.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ValidationException(ValidationErrorIds.InvalidCacheKind, parameterName,
            $"Cache kind {NameRules.Quote(name)} is not valid. Use Classic (Azure Cache for Redis) or ManagedRedis (Azure Managed Redis).");

    /// <summary>
    /// Parses a cache's resource id of either kind, checking it as <see cref="ResourceIdRules.Parse"/> does; an id of
    /// any other type is refused naming both cache types.
    /// </summary>
    /// <exception cref="ValidationException">InvalidResourceId, WrongResourceType.</exception>
    public static ResourceId ParseCacheId(string? cacheId, string parameterName)
    {
        var kind = ResourceId.TryParse(cacheId, out var parsed) ? ForType(parsed!.ResourceType) : null;
        if (kind is null && parsed is not null && parsed.ProviderNamespace is not null)
        {
            throw new ValidationException(ValidationErrorIds.WrongResourceType, parameterName,
                $"Resource id '{cacheId}' is a {parsed.ResourceType}, but a Redis cache is expected here: a {Classic.ResourceType} (Azure Cache for Redis) or a {ManagedRedis.ResourceType} (Azure Managed Redis).");
        }

        return ResourceIdRules.Parse(cacheId, (kind ?? Classic).ResourceType, parameterName).ToResourceId();
    }

    /// <summary>
    /// The private DNS zone a private endpoint of such a cache registers in, in <paramref name="cloud"/>;
    /// <paramref name="hostName"/> tells legacy caches apart where their zone differs.
    /// </summary>
    public abstract string PrivateDnsZoneName(AzureCloudEnvironment cloud, string? hostName);

    /// <summary>The A record a zone group writes for the cache in that zone: the cache name, or &lt;name&gt;.&lt;region&gt; for Managed Redis.</summary>
    public abstract string RecordName(string cacheName, string? hostName, string? location);

    /// <summary>The public host name Azure gives such a cache, for when ARM has not reported it yet.</summary>
    public abstract string HostName(string cacheName, string? location, AzureCloudEnvironment cloud);

    /// <summary>The POST that answers the cache's access keys: the cache's listKeys, or its database's for Managed Redis.</summary>
    internal abstract string ListKeysPath(ResourceId cacheId);

    /// <summary>
    /// The TLS port clients connect to and, for a clustered cache whose clients are redirected to its nodes, the
    /// nodes' TLS ports; read from ARM where the kind keeps them outside the cache's own body.
    /// </summary>
    internal abstract Task<CacheClientPorts> ReadClientPortsAsync(IArmGateway arm, CacheState cache, CancellationToken cancellationToken);

    public override string ToString() => Name;

    /// <summary>The cache as the workflows see it; null when it does not exist.</summary>
    internal abstract Task<CacheState?> ReadAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken);

    /// <summary>
    /// Hands each page of a collection of caches of this kind to <paramref name="onPage"/>; none where the cloud does
    /// not offer the kind (Azure Managed Redis is not in every cloud), so a fleet list shows the kinds there are. A
    /// kind the cloud offers but not at this api-version in some region stops the list (ApiVersionNotInRegion) rather
    /// than leaving its caches out.
    /// </summary>
    internal async Task ForEachPageWhereOfferedAsync(IArmGateway arm, string collectionPath, Func<IReadOnlyList<CacheState>, CancellationToken, Task> onPage, CancellationToken cancellationToken)
    {
        ArmException? refusal = null;
        try
        {
            await ForEachPageAsync(arm, collectionPath, onPage, cancellationToken).ConfigureAwait(false);
        }
        catch (ArmException e) when (ResourceTypeAvailability.MayBeNotOffered(e))
        {
            refusal = e;
        }

        if (refusal is not null)
        {
            await RequireNotOfferedAsync(arm, SubscriptionOf(collectionPath), refusal, cancellationToken).ConfigureAwait(false);
            OperationReporter.Current.Verbose($"{DisplayName} is not offered here ({refusal.Code}); listing the other kinds of cache only.");
        }
    }

    /// <summary>
    /// The cache, or null when it does not exist or the cloud does not offer this kind; a kind offered but not at this
    /// api-version in the cache's region throws ApiVersionNotInRegion, so a name lookup does not settle on the other kind.
    /// </summary>
    internal async Task<CacheState?> ReadWhereOfferedAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken)
    {
        ArmException? refusal = null;
        try
        {
            return await ReadAsync(arm, cacheId, cancellationToken).ConfigureAwait(false);
        }
        catch (ArmException e) when (ResourceTypeAvailability.MayBeNotOffered(e))
        {
            refusal = e;
        }

        await RequireNotOfferedAsync(arm, cacheId.SubscriptionId, refusal, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Hands each page of a collection of caches of this kind to <paramref name="onPage"/>.</summary>
    internal abstract Task ForEachPageAsync(IArmGateway arm, string collectionPath, Func<IReadOnlyList<CacheState>, CancellationToken, Task> onPage, CancellationToken cancellationToken);

    /// <summary>A cache of this kind from its ARM body as JSON (a Resource Graph row carries the same fields).</summary>
    internal abstract CacheState FromJson(string json);

    /// <summary>PATCHes only publicNetworkAccess; returns the cache as the PATCH (or, when waiting, its end) leaves it.</summary>
    internal abstract Task<CacheState> SetPublicNetworkAccessAsync(IArmGateway arm, ResourceId cacheId, string access, bool waitForCompletion, CancellationToken cancellationToken);

    /// <summary>The output object of a cache this kind read.</summary>
    internal abstract RedisPrivateCache Project(CacheState cache, IReadOnlyList<RedisPrivateEndpoint> endpoints);

    /// <summary>True while the cache takes no other change: its last operation is done.</summary>
    internal abstract bool IsIdle(CacheState cache);

    /// <summary>
    /// True when the cache is in a state that ends by itself (being created, updated or scaled): a private endpoint
    /// waits for it to be idle, since one sent now can run for minutes and then fail.
    /// </summary>
    internal abstract bool IsSettling(CacheState cache);

    /// <summary>True when the cache can limit public access to address ranges (Microsoft.Cache/redis/firewallRules).</summary>
    internal abstract bool HasFirewallRules { get; }

    /// <summary>The public network access in effect when the cache states none.</summary>
    internal abstract string PublicNetworkAccessWhenUnstated(CacheState cache);

    /// <summary>What a private endpoint for the existing cache connects to and where its DNS record goes.</summary>
    internal virtual Task<PrivateLinkTarget> ResolvePrivateLinkAsync(IArmGateway arm, CacheState cache, AzureCloudEnvironment cloud, CancellationToken cancellationToken) =>
        Task.FromResult(PrivateLinkTargetFor(cache.Id.Name, cache.HostName, cache.Location, cloud));

    /// <summary>Returns when the cloud does not offer this kind; otherwise throws ApiVersionNotInRegion.</summary>
    private Task RequireNotOfferedAsync(IArmGateway arm, string subscriptionId, ArmException refusal, CancellationToken cancellationToken) =>
        ResourceTypeAvailability.RequireNotOfferedAsync(arm, subscriptionId, ResourceType, refusal, cancellationToken);

    /// <summary>{s} of a collection path /subscriptions/{s}/...</summary>
    private static string SubscriptionOf(string collectionPath) =>
        collectionPath.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries)[1];

    /// <summary>The private link target by this kind's conventions, for a cache that may not exist yet.</summary>
    internal PrivateLinkTarget PrivateLinkTargetFor(string cacheName, string? hostName, string? location, AzureCloudEnvironment cloud) =>
        new(DefaultGroupId, PrivateDnsZoneName(cloud, hostName), RecordName(cacheName, hostName, location));
}

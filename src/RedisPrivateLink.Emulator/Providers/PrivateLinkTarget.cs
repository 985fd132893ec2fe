namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// A resource type a private endpoint may point at: the one group it offers and the type of the connections it keeps.
/// Classic caches offer redisCache; Managed Redis (and legacy Enterprise) clusters offer redisEnterprise, as the
/// privateLinkResources of each RP list them.
/// </summary>
internal sealed record PrivateLinkTarget(string TypeKey, string ResponseType, string GroupId, string ConnectionTypeKey)
{
    public static readonly PrivateLinkTarget ClassicCache = new(
        PrivateEndpointNetwork.RedisType, "Microsoft.Cache/Redis", PrivateEndpointNetwork.RedisGroupId, PrivateEndpointNetwork.ConnectionType);

    public static readonly PrivateLinkTarget ManagedRedis = new(
        ManagedRedisProvider.Type, ManagedRedisProvider.Type, ManagedRedisProvider.GroupId, ManagedRedisProvider.ConnectionType);

    public static readonly IReadOnlyList<PrivateLinkTarget> All = [ClassicCache, ManagedRedis];

    /// <summary>The connection type as the RP answers it (Microsoft.Cache/Redis/privateEndpointConnections).</summary>
    public string ConnectionResponseType => $"{ResponseType}/privateEndpointConnections";

    public static PrivateLinkTarget? For(string typeKey) =>
        All.FirstOrDefault(t => t.TypeKey.Equals(typeKey, StringComparison.OrdinalIgnoreCase));

    public static bool IsConnection(string typeKey) =>
        All.Any(t => t.ConnectionTypeKey.Equals(typeKey, StringComparison.OrdinalIgnoreCase));
}

using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>
/// An Azure Managed Redis cluster (Microsoft.Cache/redisEnterprise). Unlike a classic cache its sku sits beside the
/// properties, not in them, and it holds one database (databases/default) that carries the port and Redis options.
/// </summary>
public sealed class ManagedRedisCluster : ArmResource<ManagedRedisClusterProperties>
{
    public ManagedRedisSku? Sku { get; set; }

    public IList<string>? Zones { get; set; }
}

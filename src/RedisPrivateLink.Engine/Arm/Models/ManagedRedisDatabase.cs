namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>The one database of an Azure Managed Redis cluster (Microsoft.Cache/redisEnterprise/databases/default).</summary>
public sealed class ManagedRedisDatabase : ArmResource<ManagedRedisDatabaseProperties>
{
}

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A Redis module of an Azure Managed Redis database, e.g. RedisJSON or RediSearch.</summary>
public sealed class ManagedRedisModule
{
    public string? Name { get; set; }

    public string? Args { get; set; }
}

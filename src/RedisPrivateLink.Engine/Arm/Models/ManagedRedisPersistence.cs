namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Data persistence of an Azure Managed Redis database: RDB snapshots or an append-only file, at most one of them.</summary>
public sealed class ManagedRedisPersistence
{
    public bool? AofEnabled { get; set; }

    public bool? RdbEnabled { get; set; }

    /// <summary>1s or always.</summary>
    public string? AofFrequency { get; set; }

    /// <summary>1h, 6h or 12h.</summary>
    public string? RdbFrequency { get; set; }
}

using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of an Azure Managed Redis database. Access keys are not modelled; listKeys is never called.</summary>
public sealed class ManagedRedisDatabaseProperties
{
    public string? ProvisioningState { get; set; }

    public string? ResourceState { get; set; }

    /// <summary>Encrypted (TLS) or Plaintext.</summary>
    public string? ClientProtocol { get; set; }

    public int? Port { get; set; }

    /// <summary>OSSCluster, EnterpriseCluster or NoCluster.</summary>
    public string? ClusteringPolicy { get; set; }

    /// <summary>AllKeysLFU, AllKeysLRU, AllKeysRandom, VolatileLRU, VolatileLFU, VolatileTTL, VolatileRandom or NoEviction.</summary>
    public string? EvictionPolicy { get; set; }

    public IList<ManagedRedisModule>? Modules { get; set; }

    public ManagedRedisPersistence? Persistence { get; set; }

    /// <summary>Enabled or Disabled; Azure creates databases with access keys Disabled (Entra ID only).</summary>
    public string? AccessKeysAuthentication { get; set; }

    /// <summary>Fields this model does not name (geoReplication...); kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of a cache. Access keys are deliberately not modelled: they stay in AdditionalProperties and are redacted from logs.</summary>
public sealed class RedisCacheProperties
{
    public string? ProvisioningState { get; set; }
    public RedisSku? Sku { get; set; }
    public string? RedisVersion { get; set; }
    public string? HostName { get; set; }
    public int? Port { get; set; }
    public int? SslPort { get; set; }
    public bool? EnableNonSslPort { get; set; }
    public string? MinimumTlsVersion { get; set; }

    /// <summary>"Enabled" or "Disabled"; a PATCH answers with the old value until the update finishes.</summary>
    public string? PublicNetworkAccess { get; set; }

    public IDictionary<string, string>? RedisConfiguration { get; set; }
    public int? ShardCount { get; set; }
    public int? ReplicasPerPrimary { get; set; }

    /// <summary>Set on a VNet-injected cache, which cannot have private endpoints.</summary>
    public string? SubnetId { get; set; }

    [JsonPropertyName("staticIP")]
    public string? StaticIP { get; set; }

    public IList<PrivateEndpointConnection>? PrivateEndpointConnections { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

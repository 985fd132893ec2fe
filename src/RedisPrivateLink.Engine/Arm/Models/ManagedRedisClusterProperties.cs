using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of an Azure Managed Redis cluster (api-version 2025-07-01).</summary>
public sealed class ManagedRedisClusterProperties
{
    public string? ProvisioningState { get; set; }

    /// <summary>Running once the cluster serves; Creating, Updating, Enabling, Disabling... while an operation runs.</summary>
    public string? ResourceState { get; set; }

    /// <summary>Enabled or Disabled: whether the cluster is zone-redundant with a replica (the SKU has no zones of its own).</summary>
    public string? HighAvailability { get; set; }

    public string? MinimumTlsVersion { get; set; }

    /// <summary>
    /// Enabled or Disabled; required on PUT since 2025-07-01. Null on clusters made before it existed: they follow the
    /// legacy rule, where having a private endpoint blocks public traffic.
    /// </summary>
    public string? PublicNetworkAccess { get; set; }

    /// <summary>Read-only: &lt;name&gt;.&lt;region&gt;.redis.azure.net (legacy Enterprise: ...redisenterprise.cache.azure.net).</summary>
    public string? HostName { get; set; }

    public string? RedisVersion { get; set; }

    public IList<PrivateEndpointConnection>? PrivateEndpointConnections { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

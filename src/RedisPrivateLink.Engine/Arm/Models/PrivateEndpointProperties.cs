using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of a private endpoint.</summary>
public sealed class PrivateEndpointProperties
{
    public string? ProvisioningState { get; set; }
    public SubResource? Subnet { get; set; }
    public IList<PrivateLinkServiceConnection>? PrivateLinkServiceConnections { get; set; }
    public IList<PrivateLinkServiceConnection>? ManualPrivateLinkServiceConnections { get; set; }

    /// <summary>The FQDN to private IP pairs; empty until the connection is approved.</summary>
    public IList<CustomDnsConfig>? CustomDnsConfigs { get; set; }

    public IList<SubResource>? NetworkInterfaces { get; set; }
    public string? CustomNetworkInterfaceName { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

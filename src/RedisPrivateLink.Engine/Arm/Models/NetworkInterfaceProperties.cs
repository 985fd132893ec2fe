using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of a network interface.</summary>
public sealed class NetworkInterfaceProperties
{
    public string? ProvisioningState { get; set; }
    public IList<NetworkInterfaceIpConfiguration>? IpConfigurations { get; set; }

    /// <summary>Set when the interface belongs to a private endpoint.</summary>
    public SubResource? PrivateEndpoint { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of a network interface IP configuration: the private address and the subnet it is taken from.</summary>
public sealed class NetworkInterfaceIpConfigurationProperties
{
    public string? ProvisioningState { get; set; }

    [JsonPropertyName("privateIPAddress")]
    public string? PrivateIpAddress { get; set; }

    [JsonPropertyName("privateIPAllocationMethod")]
    public string? PrivateIpAllocationMethod { get; set; }

    public SubResource? Subnet { get; set; }
    public bool? Primary { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

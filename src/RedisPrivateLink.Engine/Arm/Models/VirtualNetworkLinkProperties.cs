using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of a virtual network link.</summary>
public sealed class VirtualNetworkLinkProperties
{
    public string? ProvisioningState { get; set; }
    public SubResource? VirtualNetwork { get; set; }
    public bool? RegistrationEnabled { get; set; }
    public string? VirtualNetworkLinkState { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

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

    /// <summary>
    /// Default or NxDomainRedirect (api-version 2024-06-01): with NxDomainRedirect, a name the zone has no record for is
    /// resolved publicly instead of answering NXDOMAIN. Null is not sent, and Azure applies Default.
    /// </summary>
    public string? ResolutionPolicy { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

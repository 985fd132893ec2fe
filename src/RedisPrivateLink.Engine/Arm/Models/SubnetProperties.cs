using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of a subnet.</summary>
public sealed class SubnetProperties
{
    public string? ProvisioningState { get; set; }
    public string? AddressPrefix { get; set; }
    public IList<string>? AddressPrefixes { get; set; }

    /// <summary>
    /// Whether network security groups and route tables apply to the subnet's private endpoints: Disabled (Azure's
    /// default), Enabled, NetworkSecurityGroupEnabled or RouteTableEnabled. Endpoints can be created with any of them.
    /// </summary>
    public string? PrivateEndpointNetworkPolicies { get; set; }

    public string? PrivateLinkServiceNetworkPolicies { get; set; }
    public IList<SubResource>? PrivateEndpoints { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

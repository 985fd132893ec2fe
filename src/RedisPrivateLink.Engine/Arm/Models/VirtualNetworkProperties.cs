using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of a virtual network. Subnets are embedded: a PUT replaces the whole list, so keep every subnet read.</summary>
public sealed class VirtualNetworkProperties
{
    public string? ProvisioningState { get; set; }
    public AddressSpace? AddressSpace { get; set; }
    public IList<Subnet>? Subnets { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

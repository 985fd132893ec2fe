using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of a private endpoint connection; provisioningState may be missing.</summary>
public sealed class PrivateEndpointConnectionProperties
{
    public string? ProvisioningState { get; set; }
    public SubResource? PrivateEndpoint { get; set; }
    public PrivateLinkServiceConnectionState? PrivateLinkServiceConnectionState { get; set; }
    public IList<string>? GroupIds { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of a private link service connection.</summary>
public sealed class PrivateLinkServiceConnectionProperties
{
    public string? ProvisioningState { get; set; }
    public string? PrivateLinkServiceId { get; set; }
    public IList<string>? GroupIds { get; set; }
    public string? RequestMessage { get; set; }
    public PrivateLinkServiceConnectionState? PrivateLinkServiceConnectionState { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

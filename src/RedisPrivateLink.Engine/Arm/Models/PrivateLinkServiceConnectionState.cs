using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Approval state of a private link connection: Pending, Approved, Rejected or Disconnected.</summary>
public sealed class PrivateLinkServiceConnectionState
{
    public string? Status { get; set; }
    public string? Description { get; set; }
    public string? ActionsRequired { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

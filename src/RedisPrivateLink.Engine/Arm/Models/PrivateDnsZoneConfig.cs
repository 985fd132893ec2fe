using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>One zone of a private DNS zone group.</summary>
public sealed class PrivateDnsZoneConfig
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public PrivateDnsZoneConfigProperties? Properties { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

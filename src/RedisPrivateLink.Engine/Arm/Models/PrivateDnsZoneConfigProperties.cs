using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of a private DNS zone config: the zone, and the record sets the group wrote there.</summary>
public sealed class PrivateDnsZoneConfigProperties
{
    public string? PrivateDnsZoneId { get; set; }
    public IList<PrivateDnsRecordSet>? RecordSets { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

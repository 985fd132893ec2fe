using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of an A record set.</summary>
public sealed class ARecordSetProperties
{
    public long? Ttl { get; set; }
    public string? Fqdn { get; set; }
    public bool? IsAutoRegistered { get; set; }
    public IDictionary<string, string>? Metadata { get; set; }
    public IList<ARecord>? ARecords { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of a private DNS zone.</summary>
public sealed class PrivateDnsZoneProperties
{
    public string? ProvisioningState { get; set; }
    public long? NumberOfRecordSets { get; set; }
    public long? NumberOfVirtualNetworkLinks { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

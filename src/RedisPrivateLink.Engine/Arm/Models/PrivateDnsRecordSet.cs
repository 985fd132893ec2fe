using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A record set a private DNS zone group wrote (read-only).</summary>
public sealed class PrivateDnsRecordSet
{
    public string? RecordType { get; set; }
    public string? RecordSetName { get; set; }
    public string? Fqdn { get; set; }
    public string? ProvisioningState { get; set; }
    public long? Ttl { get; set; }
    public IList<string>? IpAddresses { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>One FQDN of a private endpoint and the private IP addresses it must resolve to.</summary>
public sealed class CustomDnsConfig
{
    public string? Fqdn { get; set; }
    public IList<string>? IpAddresses { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

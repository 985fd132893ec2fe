using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>The firewall of a storage account.</summary>
public sealed class NetworkRuleSet
{
    public string? Bypass { get; set; }
    public string? DefaultAction { get; set; }
    public IList<IpRule>? IpRules { get; set; }
    public IList<VirtualNetworkRule>? VirtualNetworkRules { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

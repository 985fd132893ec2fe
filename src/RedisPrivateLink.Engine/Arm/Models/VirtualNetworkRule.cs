using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>An allowed subnet of a storage account firewall.</summary>
public sealed class VirtualNetworkRule
{
    public string? Id { get; set; }
    public string? Action { get; set; }
    public string? State { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

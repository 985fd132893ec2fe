using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>One IP configuration of a network interface.</summary>
public sealed class NetworkInterfaceIpConfiguration
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public NetworkInterfaceIpConfigurationProperties? Properties { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

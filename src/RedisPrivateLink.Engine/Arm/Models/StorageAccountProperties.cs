using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of a storage account that decide whether a cache can reach it.</summary>
public sealed class StorageAccountProperties
{
    public string? ProvisioningState { get; set; }
    public string? PublicNetworkAccess { get; set; }
    public NetworkRuleSet? NetworkAcls { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

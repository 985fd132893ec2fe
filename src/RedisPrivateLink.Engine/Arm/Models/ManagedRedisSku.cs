using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>The sku of an Azure Managed Redis cluster, e.g. Balanced_B5; these SKUs take no capacity.</summary>
public sealed class ManagedRedisSku
{
    public string? Name { get; set; }

    /// <summary>Only the retiring Enterprise SKUs have one.</summary>
    public int? Capacity { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

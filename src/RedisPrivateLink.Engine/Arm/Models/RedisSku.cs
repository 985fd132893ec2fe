using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>The pricing tier of a cache: name Basic/Standard/Premium, family C or P, capacity 0-6.</summary>
public sealed class RedisSku
{
    public string? Name { get; set; }
    public string? Family { get; set; }
    public int? Capacity { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

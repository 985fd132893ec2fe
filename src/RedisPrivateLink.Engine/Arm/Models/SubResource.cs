using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A reference to another resource: <c>{"id": "..."}</c>.</summary>
public sealed class SubResource
{
    public SubResource()
    {
    }

    public SubResource(string id) => Id = id;

    public string? Id { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

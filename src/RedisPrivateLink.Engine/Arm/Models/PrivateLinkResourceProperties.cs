using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>Properties of a private link resource.</summary>
public sealed class PrivateLinkResourceProperties
{
    public string? GroupId { get; set; }
    public IList<string>? RequiredMembers { get; set; }
    public IList<string>? RequiredZoneNames { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

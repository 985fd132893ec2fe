using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>An ARM error: code, message, target and nested details.</summary>
public sealed class ArmError
{
    public string? Code { get; set; }
    public string? Message { get; set; }
    public string? Target { get; set; }
    public IList<ArmError>? Details { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

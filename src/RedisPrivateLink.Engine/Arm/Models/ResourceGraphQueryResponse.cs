using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>One page of a Resource Graph query (QueryResponse of azure-rest-api-specs, resultFormat objectArray).</summary>
public sealed class ResourceGraphQueryResponse
{
    public long TotalRecords { get; set; }

    public long Count { get; set; }

    /// <summary>The rows, each read into a model by its type.</summary>
    public IList<JsonElement>? Data { get; set; }

    /// <summary>Present while rows remain: sent back in the next request's options.</summary>
    [JsonPropertyName("$skipToken")]
    public string? SkipToken { get; set; }
}

using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>The body an Azure-AsyncOperation URL answers. Redis sends nulls for startTime, percentComplete, properties and error.</summary>
public sealed class AsyncOperationStatus
{
    public string? Id { get; set; }
    public string? Name { get; set; }

    /// <summary>InProgress while running; Succeeded, Failed or Canceled at the end.</summary>
    public string? Status { get; set; }

    public string? StartTime { get; set; }
    public string? EndTime { get; set; }
    public double? PercentComplete { get; set; }
    public JsonElement? Properties { get; set; }
    public ArmError? Error { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A subscription as GET /subscriptions answers it.</summary>
public sealed class Subscription
{
    public string? Id { get; set; }
    public string? SubscriptionId { get; set; }
    public string? DisplayName { get; set; }
    public string? TenantId { get; set; }

    /// <summary>Enabled, Warned, PastDue, Disabled or Deleted.</summary>
    public string? State { get; set; }

    /// <summary>Fields this model does not name; kept so a read-modify-write sends them back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A resource provider's registration in a subscription, as GET /subscriptions/{s}/providers/{namespace} answers it.</summary>
public sealed class ResourceProvider
{
    public string? Id { get; set; }

    public string? Namespace { get; set; }

    /// <summary>NotRegistered, Registering, Registered, Unregistering or Unregistered.</summary>
    public string? RegistrationState { get; set; }

    /// <summary>Fields this model does not name (resourceTypes, registrationPolicy...).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

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

    /// <summary>The types the namespace offers in this cloud, each with its locations and api-versions.</summary>
    public List<ProviderResourceType>? ResourceTypes { get; set; }

    /// <summary>Fields this model does not name (authorization, registrationPolicy...).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One entry of a provider's resourceTypes, e.g. {"resourceType":"redisEnterprise","locations":[...],"apiVersions":[...]}.</summary>
public sealed class ProviderResourceType
{
    /// <summary>The type without its namespace: redisEnterprise, redis/firewallRules.</summary>
    public string? ResourceType { get; set; }

    public List<string>? Locations { get; set; }

    public List<string>? ApiVersions { get; set; }
}

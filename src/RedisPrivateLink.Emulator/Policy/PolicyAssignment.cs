using System.Text.Json.Serialization;

namespace RedisPrivateLink.Emulator.Policy;

/// <summary>
/// A policy assignment as the control plane sets it (PUT /_emulator/policyAssignments/{name}): a Deny rule on a
/// resource type (with, optionally, a property value and a required tag) or the DeployIfNotExists rule of the built-in
/// "Configure Azure Cache for Redis to use private DNS zones", at a subscription or resource group scope.
/// </summary>
internal sealed class PolicyAssignment
{
    public const string Deny = "Deny";
    public const string DeployIfNotExists = "DeployIfNotExists";

    /// <summary>Set from the route.</summary>
    [JsonIgnore]
    public string Name { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>/subscriptions/{s} or /subscriptions/{s}/resourceGroups/{g}; the emulator's subscription when absent.</summary>
    public string? Scope { get; set; }

    /// <summary>Deny or DeployIfNotExists.</summary>
    public string? Effect { get; set; }

    public string? PolicyDefinitionId { get; set; }

    public string? PolicyDefinitionDisplayName { get; set; }

    /// <summary>Deny: the resource type it applies to, e.g. Microsoft.Network/privateDnsZones.</summary>
    public string? ResourceType { get; set; }

    /// <summary>Deny: a property path in the resource, e.g. properties.publicNetworkAccess, tested with Equals or NotEquals.</summary>
    public string? Field { get; set; }

    [JsonPropertyName("equals")]
    public string? EqualsValue { get; set; }

    [JsonPropertyName("notEquals")]
    public string? NotEqualsValue { get; set; }

    /// <summary>Deny: a tag the resource must carry; the rule matches when it is missing.</summary>
    public string? RequiredTag { get; set; }

    /// <summary>DeployIfNotExists: the private link group id of the endpoints it serves (redisCache, redisEnterprise).</summary>
    public string? GroupId { get; set; }

    /// <summary>DeployIfNotExists: the hub's private DNS zone the deployed zone group points at.</summary>
    public string? PrivateDnsZoneId { get; set; }

    /// <summary>DeployIfNotExists: Azure seconds between the endpoint's success and the deployment (scaled by the time scale).</summary>
    public double? DelaySeconds { get; set; }

    [JsonIgnore]
    public string Id => $"{Scope}/providers/Microsoft.Authorization/policyAssignments/{Name}";

    [JsonIgnore]
    public string DefinitionId => PolicyDefinitionId ?? $"{SubscriptionScope}/providers/Microsoft.Authorization/policyDefinitions/{Name}";

    [JsonIgnore]
    public string DefinitionName => DefinitionId[(DefinitionId.LastIndexOf('/') + 1)..];

    [JsonIgnore]
    public string AssignmentDisplayName => DisplayName ?? Name;

    [JsonIgnore]
    public string DefinitionDisplayName => PolicyDefinitionDisplayName ?? AssignmentDisplayName;

    private string SubscriptionScope => string.Join('/', (Scope ?? "").Split('/').Take(3));

    /// <summary>Whether a resource (or an evaluation scope) at <paramref name="id"/> is inside this assignment's scope.</summary>
    public bool Covers(string id) =>
        id.Equals(Scope, StringComparison.OrdinalIgnoreCase) || id.StartsWith(Scope + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>What is wrong with the assignment as sent, or null.</summary>
    public string? Problem(string subscriptionId)
    {
        Scope ??= $"/subscriptions/{subscriptionId}";
        Scope = Scope.TrimEnd('/');
        var segments = Scope.Split('/');
        if (!(segments.Length is 3 or 5) || !segments[1].Equals("subscriptions", StringComparison.OrdinalIgnoreCase)
            || (segments.Length == 5 && !segments[3].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase)))
        {
            return "scope must be /subscriptions/{id} or /subscriptions/{id}/resourceGroups/{name}.";
        }

        if (string.Equals(Effect, Deny, StringComparison.OrdinalIgnoreCase))
        {
            Effect = Deny;
            if (string.IsNullOrEmpty(ResourceType))
            {
                return "a Deny assignment needs resourceType.";
            }

            return Field is not null && (EqualsValue is null) == (NotEqualsValue is null)
                ? "field needs exactly one of equals or notEquals."
                : null;
        }

        if (string.Equals(Effect, DeployIfNotExists, StringComparison.OrdinalIgnoreCase))
        {
            Effect = DeployIfNotExists;
            return string.IsNullOrEmpty(GroupId) || string.IsNullOrEmpty(PrivateDnsZoneId)
                ? "a DeployIfNotExists assignment needs groupId and privateDnsZoneId."
                : DelaySeconds < 0 ? "delaySeconds cannot be negative." : null;
        }

        return "effect must be Deny or DeployIfNotExists.";
    }
}

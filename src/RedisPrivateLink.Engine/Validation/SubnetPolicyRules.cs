using System;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>
/// A subnet's private endpoint network policies, as Microsoft.Network 2024-05-01 takes them (azure-rest-api-specs,
/// Microsoft.Network/stable/2024-05-01/virtualNetwork.json, SubnetPropertiesFormat.privateEndpointNetworkPolicies).
/// </summary>
public static class SubnetPolicyRules
{
    /// <summary>The spec's values: NSGs and route tables both apply to endpoints, neither (Azure's default), or one of them.</summary>
    public static readonly IReadOnlyList<string> PrivateEndpointNetworkPolicies = Array.AsReadOnly(new[]
    {
        "Disabled", "Enabled", "NetworkSecurityGroupEnabled", "RouteTableEnabled",
    });

    /// <summary>The canonical spelling of <paramref name="policy"/>, or null when none is given (Azure's default then applies).</summary>
    /// <exception cref="ValidationException">InvalidPrivateEndpointNetworkPolicy.</exception>
    public static string? ParsePrivateEndpointNetworkPolicy(string? policy) =>
        policy is null ? null
        : PrivateEndpointNetworkPolicies.FirstOrDefault(p => string.Equals(p, policy, StringComparison.OrdinalIgnoreCase))
          ?? throw new ValidationException(ValidationErrorIds.InvalidPrivateEndpointNetworkPolicy, "PrivateEndpointNetworkPolicy",
              $"Private endpoint network policy {NameRules.Quote(policy)} is not valid. Use one of {string.Join(", ", PrivateEndpointNetworkPolicies)}, or leave it out for Azure's default (Disabled).");
}

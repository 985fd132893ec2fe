using System;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>
/// A virtual network link's resolution policy, as Microsoft.Network privateDnsZones/virtualNetworkLinks 2024-06-01 takes
/// it (azure-rest-api-specs, privatedns/resource-manager/Microsoft.Network/stable/2024-06-01/privatedns.json,
/// VirtualNetworkLinkProperties.resolutionPolicy; learn.microsoft.com/azure/dns/private-dns-fallback).
/// </summary>
public static class ResolutionPolicyRules
{
    /// <summary>Answers from the zone alone: a name it has no record for is NXDOMAIN in the linked network.</summary>
    public const string Default = nameof(Default);

    /// <summary>A name the zone has no record for falls back to public resolution.</summary>
    public const string NxDomainRedirect = nameof(NxDomainRedirect);

    public static readonly IReadOnlyList<string> ResolutionPolicies = Array.AsReadOnly(new[] { Default, NxDomainRedirect });

    /// <summary>The canonical spelling of <paramref name="policy"/>, or null when none is given (Azure's Default then applies).</summary>
    /// <exception cref="ValidationException">InvalidResolutionPolicy.</exception>
    public static string? Parse(string? policy) =>
        policy is null ? null
        : ResolutionPolicies.FirstOrDefault(p => string.Equals(p, policy, StringComparison.OrdinalIgnoreCase))
          ?? throw new ValidationException(ValidationErrorIds.InvalidResolutionPolicy, "ResolutionPolicy",
              $"Resolution policy {NameRules.Quote(policy)} is not valid. Use {NxDomainRedirect} (names the zone has no record for resolve publicly) or {Default}, or leave it out for Azure's default ({Default}).");
}

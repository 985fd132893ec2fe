using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// Tells ARM's two meanings of 400 NoRegisteredProviderFound apart. ARM gives it for a type the cloud does not have,
/// and also for a type it has at an api-version that has not reached the region yet: "No registered resource provider
/// found for location 'uksouth' and API version '2024-09-01-preview' for type 'redisEnterprise'. The supported
/// api-versions are '...'. The supported locations are '...'." (Azure/azure-cli-extensions#8033). The provider's own
/// description (GET /subscriptions/{s}/providers/{namespace}, whose resourceTypes name every type it offers) decides.
/// </summary>
public static class ResourceTypeAvailability
{
    public const string NoRegisteredProviderFoundCode = "NoRegisteredProviderFound";

    /// <summary>ARM's code for a type the namespace does not know at all.</summary>
    public const string InvalidResourceTypeCode = "InvalidResourceType";

    private static readonly Regex LocationAndApiVersion = new(
        "location '(?<location>[^']*)' and API version '(?<apiVersion>[^']*)'", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>True for the two refusals a type the cloud may not offer draws: InvalidResourceType, NoRegisteredProviderFound.</summary>
    public static bool MayBeNotOffered(ArmException refusal) =>
        refusal?.Code is InvalidResourceTypeCode or NoRegisteredProviderFoundCode;

    /// <summary>
    /// Returns when <paramref name="refusal"/> (one <see cref="MayBeNotOffered"/> accepts) says the cloud does not offer
    /// <paramref name="resourceType"/> at all: InvalidResourceType, or NoRegisteredProviderFound from a provider whose
    /// resourceTypes leave the type out. Otherwise throws ApiVersionNotInRegion naming the api-version, the region and
    /// ARM's message.
    /// </summary>
    /// <exception cref="RedisPrivateLinkException">ApiVersionNotInRegion.</exception>
    public static async Task RequireNotOfferedAsync(IArmGateway arm, string subscriptionId, string resourceType, ArmException refusal, CancellationToken cancellationToken)
    {
        if (arm is null || refusal is null)
        {
            throw new ArgumentNullException(arm is null ? nameof(arm) : nameof(refusal));
        }

        if (refusal.Code == InvalidResourceTypeCode)
        {
            return;
        }

        var slash = resourceType.IndexOf('/');
        var providerNamespace = resourceType.Substring(0, slash);
        var typeName = resourceType.Substring(slash + 1);
        var path = ResourceProviderRegistration.ProviderPath(subscriptionId, providerNamespace);
        var response = await arm.SendAsync(new ArmRequest(RequestMethod.Get, path), cancellationToken).ConfigureAwait(false);

        // A provider description that cannot be read (403 for a role scoped to a resource group) proves nothing, so
        // the refusal is surfaced rather than taken as "not offered", which would hide caches.
        var provider = response.Status == 200 ? response.ReadAs<ResourceProvider>() : null;
        if (provider?.ResourceTypes is { } types
            && !types.Any(t => string.Equals(t.ResourceType, typeName, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        throw NotInRegion(resourceType, refusal);
    }

    private static RedisPrivateLinkException NotInRegion(string resourceType, ArmException refusal)
    {
        var match = LocationAndApiVersion.Match(refusal.ArmMessage ?? string.Empty);
        var location = match.Success ? $"region '{match.Groups["location"].Value}'" : "this region";
        var apiVersion = match.Success ? $"api-version '{match.Groups["apiVersion"].Value}'" : "the api-version";
        return new RedisPrivateLinkException(ArmErrorIds.ApiVersionNotInRegion, RedisPrivateLinkErrorCategory.ResourceUnavailable,
            $"Azure offers {resourceType}, but not yet {apiVersion}, which this module uses, in {location}: ARM answered {NoRegisteredProviderFoundCode}: {refusal.ArmMessage?.Trim()} "
            + "New api-versions reach regions one by one; use a region the message lists for this api-version, or wait until it reaches this one.",
            refusal.Path, refusal);
    }
}

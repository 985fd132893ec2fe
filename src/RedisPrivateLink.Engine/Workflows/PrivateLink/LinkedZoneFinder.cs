using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Hub and spoke: a virtual network can be linked to only one private DNS zone of a given name (Azure fails a second
/// link with BadRequest "A virtual network cannot be linked to multiple zones with overlapping namespaces", as quoted in
/// Azure/ARO-RP#796 and MicrosoftDocs/azure-aks-docs#212), and an enterprise spoke is usually linked already to the
/// hub's central zone. This finds that zone among every zone of the name the credential can read in the subscription,
/// so the endpoint registers there instead of in a new zone whose link would fail.
/// </summary>
internal static class LinkedZoneFinder
{
    /// <summary>The zone named <paramref name="zoneName"/> that <paramref name="virtualNetworkId"/> is linked to, with that link; null when none is.</summary>
    /// <exception cref="RedisPrivateLinkException">PrivateDnsZoneNotReadable: the zones, or one zone's links, cannot be read.</exception>
    public static async Task<(ResourceId ZoneId, VirtualNetworkLink Link)?> FindAsync(
        IArmGateway arm, string subscriptionId, string zoneName, ResourceId virtualNetworkId, CancellationToken cancellationToken)
    {
        var sameName = new List<ResourceId>();
        var zonesPath = $"/subscriptions/{subscriptionId}/providers/{ResourceIdRules.PrivateDnsZoneType}";
        try
        {
            await arm.ForEachPageAsync<PrivateDnsZone>(zonesPath, (page, _) =>
            {
                foreach (var zone in page)
                {
                    if (string.Equals(zone.Name, zoneName, StringComparison.OrdinalIgnoreCase) && ResourceId.TryParse(zone.Id, out var zoneId))
                    {
                        sameName.Add(zoneId!);
                    }
                }

                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ArmException denied) when (IsDenied(denied))
        {
            throw NotReadable(zoneName, $"the private DNS zones of subscription {subscriptionId} cannot be listed", virtualNetworkId, denied);
        }

        foreach (var zoneId in sameName)
        {
            IReadOnlyList<VirtualNetworkLink> links;
            try
            {
                links = await arm.ListAsync<VirtualNetworkLink>(zoneId + "/virtualNetworkLinks", cancellationToken).ConfigureAwait(false);
            }
            catch (ArmException denied) when (IsDenied(denied))
            {
                throw NotReadable(zoneName, $"the links of zone '{zoneId}' cannot be read", virtualNetworkId, denied);
            }

            if (links.FirstOrDefault(link => ZoneLinks.PointsAt(link, virtualNetworkId)) is { } linked)
            {
                return (zoneId, linked);
            }
        }

        return null;
    }

    private static bool IsDenied(ArmException error) =>
        error.Code is "AuthorizationFailed" or "LinkedAuthorizationFailed";

    private static RedisPrivateLinkException NotReadable(string zoneName, string what, ResourceId virtualNetworkId, ArmException cause) =>
        new(WorkflowErrorIds.PrivateDnsZoneNotReadable, RedisPrivateLinkErrorCategory.SecurityError,
            $"Private DNS zone '{zoneName}': {what} with this credential ({cause.Code}), so it is unknown whether virtual network '{virtualNetworkId.Name}' is already linked to a zone of that name, and a virtual network can be linked to only one. Pass -PrivateDnsZoneId with the id of the '{zoneName}' zone that '{virtualNetworkId.Name}' is linked to (in a hub and spoke network, the hub's), or grant the credential read access to the private DNS zones.",
            virtualNetworkId.ToString(), cause);
}

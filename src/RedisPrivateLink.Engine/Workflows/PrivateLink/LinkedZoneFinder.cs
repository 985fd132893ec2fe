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
/// hub's central zone, which a landing zone keeps in its connectivity subscription. A network does not list its links,
/// so this looks at every zone of the name the credential can read: in the context's subscription, then the
/// network's, then every other subscription ARM lists for the credential (at most <see cref="MaxSubscriptions"/>), and
/// stops at the first zone linked to the network. Cost: one list of zones per subscription searched (a page per 100
/// zones) and one list of links per zone of the name, reads only; a spoke linked in the context's subscription costs
/// what it did before, and a network linked nowhere costs a read of every subscription's zones.
/// </summary>
internal static class LinkedZoneFinder
{
    /// <summary>How many subscriptions are searched at most; a credential that sees more names the zone with -PrivateDnsZoneId.</summary>
    public const int MaxSubscriptions = 50;

    /// <summary>The zone named <paramref name="zoneName"/> that <paramref name="virtualNetworkId"/> is linked to, with that link; null when none is.</summary>
    /// <param name="notices">Where to say which subscriptions were not searched (their zones unreadable, or beyond the bound); null to say nothing.</param>
    /// <exception cref="RedisPrivateLinkException">
    /// PrivateDnsZoneNotReadable: the zones of the context's or the network's subscription, or one zone's links, cannot be read.
    /// </exception>
    public static async Task<(ResourceId ZoneId, VirtualNetworkLink Link)?> FindAsync(
        IArmGateway arm, string subscriptionId, string zoneName, ResourceId virtualNetworkId, ICollection<string>? notices, CancellationToken cancellationToken)
    {
        var searched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unsearched = new List<string>();
        foreach (var required in new[] { subscriptionId, virtualNetworkId.SubscriptionId })
        {
            if (searched.Add(required) && await FindInAsync(arm, required, zoneName, virtualNetworkId, required: true, cancellationToken).ConfigureAwait(false) is { } found)
            {
                return found;
            }
        }

        foreach (var other in await OtherSubscriptionsAsync(arm, searched, unsearched, cancellationToken).ConfigureAwait(false))
        {
            if (searched.Count >= MaxSubscriptions)
            {
                unsearched.Add(other);
                continue;
            }

            searched.Add(other);
            try
            {
                if (await FindInAsync(arm, other, zoneName, virtualNetworkId, required: false, cancellationToken).ConfigureAwait(false) is { } found)
                {
                    return found;
                }
            }
            catch (ArmException denied) when (IsDenied(denied))
            {
                unsearched.Add(other);
            }
        }

        if (unsearched.Count > 0)
        {
            notices?.Add($"Virtual network '{virtualNetworkId.Name}' is linked to no '{zoneName}' zone in the {searched.Count} subscription(s) searched; subscription(s) {string.Join(", ", unsearched)} could not be searched (zones unreadable with this credential, or more than {MaxSubscriptions} subscriptions). If the network is linked to a hub zone there, give -PrivateDnsZoneId with that zone's id, or Azure will refuse the new zone's link.");
        }

        return null;
    }

    /// <summary>The subscriptions ARM lists for the credential, enabled ones, not yet searched; none when the list is refused (noted).</summary>
    private static async Task<IEnumerable<string>> OtherSubscriptionsAsync(IArmGateway arm, ISet<string> searched, ICollection<string> unsearched, CancellationToken cancellationToken)
    {
        try
        {
            var listed = await arm.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
            return listed
                .Where(s => s.SubscriptionId is not null && (s.State is null || string.Equals(s.State, "Enabled", StringComparison.OrdinalIgnoreCase)))
                .Select(s => s.SubscriptionId!)
                .Where(id => !searched.Contains(id))
                .ToList();
        }
        catch (ArmException denied) when (IsDenied(denied))
        {
            unsearched.Add("(the subscription list)");
            return Array.Empty<string>();
        }
    }

    private static async Task<(ResourceId ZoneId, VirtualNetworkLink Link)?> FindInAsync(
        IArmGateway arm, string subscriptionId, string zoneName, ResourceId virtualNetworkId, bool required, CancellationToken cancellationToken)
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
        catch (ArmException denied) when (required && IsDenied(denied))
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

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Decides which links of private DNS zones to a virtual network can go with a private endpoint: a link is kept while
/// another private endpoint in that network still registers in the zone (its clients resolve through the link), or
/// while it auto-registers the network's VMs.
/// </summary>
internal static class UnusedZoneLinks
{
    /// <summary>The links of <paramref name="zoneIds"/> to <paramref name="virtualNetworkId"/> that nothing else uses; a notice says why each other link is kept.</summary>
    public static async Task<IReadOnlyList<(ResourceId ZoneId, ResourceId LinkId)>> FindAsync(
        IArmGateway arm, ResourceId endpointId, ResourceId virtualNetworkId, IReadOnlyList<ResourceId> zoneIds, ICollection<string> notices, CancellationToken cancellationToken)
    {
        var unused = new List<(ResourceId, ResourceId)>();
        IReadOnlyDictionary<ResourceId, IReadOnlyList<ResourceId>>? zonesOfNeighbours = null;
        foreach (var zoneId in zoneIds)
        {
            var link = await FindLinkAsync(arm, zoneId, virtualNetworkId, cancellationToken).ConfigureAwait(false);
            if (link is null)
            {
                continue;
            }

            var linkId = ResourceId.TryParse(link.Id, out var parsed) ? parsed! : zoneId.Child("virtualNetworkLinks", link.Name!);
            var kept = $"The link '{linkId.Name}' of private DNS zone '{zoneId.Name}' to virtual network '{virtualNetworkId.Name}' is kept";
            if (link.Properties?.RegistrationEnabled == true)
            {
                notices.Add($"{kept}: it auto-registers the network's virtual machines in the zone.");
                continue;
            }

            zonesOfNeighbours ??= await ReadZonesOfNeighboursAsync(arm, endpointId, virtualNetworkId, cancellationToken).ConfigureAwait(false);
            var users = zonesOfNeighbours.Where(n => n.Value.Contains(zoneId)).Select(n => $"'{n.Key.Name}'").ToList();
            if (users.Count > 0)
            {
                notices.Add($"{kept}: private endpoint(s) {string.Join(", ", users)} in that network still register in the zone, and their clients resolve through the link.");
                continue;
            }

            unused.Add((zoneId, linkId));
        }

        return unused;
    }

    /// <summary>The virtual network of the endpoint's subnet; null when ARM gave no subnet.</summary>
    public static ResourceId? NetworkOf(PrivateEndpoint endpoint) =>
        ResourceId.TryParse(endpoint.Properties?.Subnet?.Id, out var subnetId) ? subnetId!.Parent : null;

    /// <summary>The zone's link to the network, whatever its name (a zone has at most one per network); null when the zone or the link is gone.</summary>
    private static async Task<VirtualNetworkLink?> FindLinkAsync(IArmGateway arm, ResourceId zoneId, ResourceId virtualNetworkId, CancellationToken cancellationToken)
    {
        if (await arm.GetAsync<PrivateDnsZone>(zoneId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var links = await arm.ListAsync<VirtualNetworkLink>(zoneId + "/virtualNetworkLinks", cancellationToken).ConfigureAwait(false);
        return links.FirstOrDefault(l => ResourceId.TryParse(l.Properties?.VirtualNetwork?.Id, out var id) && id == virtualNetworkId);
    }

    /// <summary>
    /// The other private endpoints in the network, with the zones their DNS zone groups register them in. A private
    /// endpoint lives in its network's subscription, so listing that subscription finds them all.
    /// </summary>
    private static async Task<IReadOnlyDictionary<ResourceId, IReadOnlyList<ResourceId>>> ReadZonesOfNeighboursAsync(
        IArmGateway arm, ResourceId endpointId, ResourceId virtualNetworkId, CancellationToken cancellationToken)
    {
        var endpoints = await arm.ListAsync<PrivateEndpoint>($"/subscriptions/{virtualNetworkId.SubscriptionId}/providers/Microsoft.Network/privateEndpoints", cancellationToken).ConfigureAwait(false);
        var neighbours = endpoints
            .Select(e => ResourceId.TryParse(e.Id, out var id) && id != endpointId && NetworkOf(e) == virtualNetworkId ? id : null)
            .OfType<ResourceId>()
            .ToList();
        var zones = await Task.WhenAll(neighbours.Select(async neighbour =>
        {
            var groups = await arm.ListAsync<PrivateDnsZoneGroup>(neighbour + "/privateDnsZoneGroups", cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<ResourceId>)groups.SelectMany(ZoneGroupContents.ZonesOf).Distinct().ToList();
        })).ConfigureAwait(false);
        return neighbours.Zip(zones, (neighbour, zoneIds) => (neighbour, zoneIds)).ToDictionary(n => n.neighbour, n => n.zoneIds);
    }
}

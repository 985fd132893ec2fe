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
/// Finds a zone's link to a virtual network. A zone holds at most one link per VNet, whatever its name, so an existing
/// link of any name is the one to reuse; a link of our name that points at another VNet is never repointed.
/// </summary>
internal static class ZoneLinks
{
    public static string DefaultName(ResourceId virtualNetworkId) => virtualNetworkId.Name + "-link";

    /// <summary>
    /// The link to <paramref name="virtualNetworkId"/> of the zone the resolver has just read, or null when it has none:
    /// a zone the resolver found missing has no links, and one it found is not read again (nor one it chose for its link).
    /// </summary>
    public static async Task<VirtualNetworkLink?> FindAsync(IArmGateway arm, PrivateDnsZoneTarget zone, ResourceId virtualNetworkId, CancellationToken cancellationToken) =>
        zone.AlreadyLinkedBy
        ?? (zone.Exists ? await FindInExistingZoneAsync(arm, zone.ZoneId, virtualNetworkId, cancellationToken).ConfigureAwait(false) : null);

    /// <summary>The link of a zone known to exist (the plan's zone step or the resolver saw it); listing the links of a missing zone answers 404.</summary>
    public static async Task<VirtualNetworkLink?> FindInExistingZoneAsync(IArmGateway arm, ResourceId zoneId, ResourceId virtualNetworkId, CancellationToken cancellationToken)
    {
        var links = await arm.ListAsync<VirtualNetworkLink>(zoneId + "/virtualNetworkLinks", cancellationToken).ConfigureAwait(false);
        var link = links.FirstOrDefault(l => PointsAt(l, virtualNetworkId));
        if (link is not null)
        {
            return link;
        }

        var sameName = links.FirstOrDefault(l => string.Equals(l.Name, DefaultName(virtualNetworkId), StringComparison.OrdinalIgnoreCase));
        if (sameName is not null)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.PrivateDnsZoneLinkNameInUse, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"Private DNS zone '{zoneId.Name}' has a link named '{sameName.Name}' to virtual network '{sameName.Properties?.VirtualNetwork?.Id}', not to '{virtualNetworkId}'. Rename or remove that link, or link '{virtualNetworkId.Name}' to the zone yourself, then run the command again.",
                zoneId.ToString());
        }

        return null;
    }

    /// <summary>
    /// The warning for a link the plan creates without NxDomainRedirect: the zone then answers every name under it in
    /// that network, so another team's private endpoint with no record here stops resolving there.
    /// </summary>
    public static void NoticeNewLinkResolution(VirtualNetworkLink? existingLink, string zoneName, ResourceId virtualNetworkId, string? resolutionPolicy, ICollection<string> notices)
    {
        if (existingLink is null && resolutionPolicy != ResolutionPolicyRules.NxDomainRedirect)
        {
            notices.Add($"Linking private DNS zone '{zoneName}' to virtual network '{virtualNetworkId.Name}' makes every name under it that has no record in this zone (for example other teams' private endpoint caches) answer NXDOMAIN in that network; pass -ResolutionPolicy NxDomainRedirect to let such names resolve publicly instead.");
        }
    }

    public static bool PointsAt(VirtualNetworkLink link, ResourceId virtualNetworkId) =>
        ResourceId.TryParse(link.Properties?.VirtualNetwork?.Id, out var id) && id == virtualNetworkId;
}

using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Links the private DNS zone to the endpoint's virtual network, without auto-registration. The FAQ's ordering rule:
/// the link exists before the endpoint is created, so the VNet resolves the cache's private address from the start.
/// </summary>
internal static class ZoneLinkStep
{
    public static PlanStep Create(IArmGateway arm, ResourceId zoneId, ResourceId virtualNetworkId, string? existingLinkName, IEnumerable<string> dependsOn)
    {
        var linkId = zoneId.Child("virtualNetworkLinks", existingLinkName ?? ZoneLinks.DefaultName(virtualNetworkId));
        var description = existingLinkName is null
            ? $"Link private DNS zone '{zoneId.Name}' to virtual network '{virtualNetworkId.Name}' as '{linkId.Name}'"
            : $"Use the link '{existingLinkName}' of private DNS zone '{zoneId.Name}' to virtual network '{virtualNetworkId.Name}'";
        return new PlanStep(StepKeys.ZoneLink, existingLinkName is null ? "Link" : "Use", linkId.ToString(), description, dependsOn, async (_, ct) =>
        {
            var existing = await ZoneLinks.FindAsync(arm, zoneId, virtualNetworkId, ct).ConfigureAwait(false);
            if (existing is not null)
            {
                return StepResult.Reused(existing.Properties?.RegistrationEnabled == true ? $"link '{existing.Name}' has auto-registration enabled; left as it is" : null);
            }

            var link = new VirtualNetworkLink
            {
                Location = PrivateDnsZoneStep.GlobalLocation,
                Properties = new VirtualNetworkLinkProperties { VirtualNetwork = new SubResource(virtualNetworkId.ToString()), RegistrationEnabled = false },
            };
            await arm.PutAsync(linkId, link, cancellationToken: ct).ConfigureAwait(false);
            return StepResult.Created();
        });
    }
}

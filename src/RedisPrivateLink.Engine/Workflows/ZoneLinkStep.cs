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
    /// <param name="tags">The user's tags, for a link this step creates; a link sent again keeps its own.</param>
    /// <param name="failedState">The existing link's provisioning state when an earlier write left it Failed, for the description; else null.</param>
    public static PlanStep Create(IArmGateway arm, ResourceId zoneId, ResourceId virtualNetworkId, string? existingLinkName, IDictionary<string, string>? tags, IEnumerable<string> dependsOn, string? failedState = null)
    {
        var linkId = zoneId.Child("virtualNetworkLinks", existingLinkName ?? ZoneLinks.DefaultName(virtualNetworkId));
        var description = existingLinkName is null
            ? $"Link private DNS zone '{zoneId.Name}' to virtual network '{virtualNetworkId.Name}' as '{linkId.Name}'"
            : failedState is not null
            ? $"Send the link '{existingLinkName}' of private DNS zone '{zoneId.Name}' to virtual network '{virtualNetworkId.Name}' again: its provisioning state is {failedState}"
            : $"Use the link '{existingLinkName}' of private DNS zone '{zoneId.Name}' to virtual network '{virtualNetworkId.Name}'";
        return new PlanStep(StepKeys.ZoneLink, existingLinkName is null ? "Link" : failedState is not null ? "Update" : "Use", linkId.ToString(), description, dependsOn, async (_, ct) =>
        {
            // The zone exists by now: the plan's zone step ran first, or preparation found the zone the user named.
            var existing = await ZoneLinks.FindInExistingZoneAsync(arm, zoneId, virtualNetworkId, ct).ConfigureAwait(false);
            var autoRegistration = existing?.Properties?.RegistrationEnabled == true ? $"link '{existing!.Name}' has auto-registration enabled; left as it is" : null;
            var state = existing?.Properties?.ProvisioningState;
            if (existing is not null && !FailedProvisioning.IsFailed(state))
            {
                return StepResult.Reused(autoRegistration);
            }

            // A link an earlier write left Failed is sent again under its own name, keeping its tags and auto-registration.
            var link = new VirtualNetworkLink
            {
                Location = PrivateDnsZoneStep.GlobalLocation,
                Tags = existing is null ? tags : existing.Tags,
                Properties = new VirtualNetworkLinkProperties
                {
                    VirtualNetwork = new SubResource(virtualNetworkId.ToString()),
                    RegistrationEnabled = existing?.Properties?.RegistrationEnabled ?? false,
                },
            };
            var target = existing?.Name is { } name ? zoneId.Child("virtualNetworkLinks", name) : linkId;
            await arm.PutAsync(target, link, cancellationToken: ct).ConfigureAwait(false);
            return existing is null ? StepResult.Created() : StepResult.Updated(FailedProvisioning.Resent(state, autoRegistration));
        });
    }
}

using System;
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
    /// <param name="resolutionPolicy">The resolution policy of a link this step creates (null: none sent, Azure's Default); an existing link keeps its own.</param>
    /// <param name="failedState">The existing link's provisioning state when an earlier write left it Failed, for the description; else null.</param>
    public static PlanStep Create(IArmGateway arm, PrivateDnsZoneTarget zone, ResourceId virtualNetworkId, string? existingLinkName, IDictionary<string, string>? tags, string? resolutionPolicy, IEnumerable<string> dependsOn, string? failedState = null)
    {
        var zoneId = zone.ZoneId;
        var linkId = zoneId.Child("virtualNetworkLinks", existingLinkName ?? ZoneLinks.DefaultName(virtualNetworkId));
        var description = existingLinkName is null
            ? $"Link private DNS zone '{zoneId.Name}' to virtual network '{virtualNetworkId.Name}' as '{linkId.Name}'{(resolutionPolicy is null ? string.Empty : $" with resolution policy {resolutionPolicy}")}"
            : failedState is not null
            ? StepVerbs.Resend($"the link '{existingLinkName}' of private DNS zone '{zoneId.Name}' to virtual network '{virtualNetworkId.Name}'", failedState)
            : zone.AlreadyLinkedBy is not null
            ? $"Use private DNS zone '{zoneId.Name}' in resource group '{zoneId.ResourceGroupName}': it is already linked to {virtualNetworkId.Name} (link '{existingLinkName}'), and a virtual network can be linked to only one zone of that name"
            : $"Use the link '{existingLinkName}' of private DNS zone '{zoneId.Name}' to virtual network '{virtualNetworkId.Name}'";
        return new PlanStep(StepKeys.ZoneLink, StepVerbs.Action(existingLinkName is not null, failedState, creating: "Link"), linkId.ToString(), description, dependsOn, async (_, ct) =>
        {
            // The zone exists by now: the plan's zone step ran first, or preparation found the zone the user named.
            var existing = await ZoneLinks.FindInExistingZoneAsync(arm, zoneId, virtualNetworkId, ct).ConfigureAwait(false);
            var autoRegistration = existing?.Properties?.RegistrationEnabled == true ? $"link '{existing!.Name}' has auto-registration enabled; left as it is" : null;
            var state = existing?.Properties?.ProvisioningState;
            if (existing is not null && !FailedProvisioning.IsFailed(state))
            {
                return StepResult.Reused(autoRegistration);
            }

            // A link an earlier write left Failed is sent again under its own name, keeping its tags, auto-registration
            // and resolution policy.
            var link = new VirtualNetworkLink
            {
                Location = PrivateDnsZoneStep.GlobalLocation,
                Tags = existing is null ? tags : existing.Tags,
                Properties = new VirtualNetworkLinkProperties
                {
                    VirtualNetwork = new SubResource(virtualNetworkId.ToString()),
                    RegistrationEnabled = existing?.Properties?.RegistrationEnabled ?? false,
                    ResolutionPolicy = existing is null ? resolutionPolicy : existing.Properties?.ResolutionPolicy,
                },
            };
            var target = existing?.Name is { } name ? zoneId.Child("virtualNetworkLinks", name) : linkId;
            try
            {
                await arm.PutAsync(target, link, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (ArmException refused) when (IsLinkedToAnotherZone(refused))
            {
                throw new RedisPrivateLinkException(WorkflowErrorIds.VirtualNetworkLinkedToOtherZone, RedisPrivateLinkErrorCategory.InvalidOperation,
                    $"Virtual network '{virtualNetworkId.Name}' is already linked to another private DNS zone named '{zoneId.Name}', one this credential cannot see (in another subscription, as a hub's zone often is), and a virtual network can be linked to only one zone of that name. Pass -PrivateDnsZoneId with the id of that zone, then run the command again. Azure said: {refused.ArmMessage}",
                    linkId.ToString(), refused);
            }

            return existing is null ? StepResult.Created() : StepResult.Updated(FailedProvisioning.Resent(state, autoRegistration));
        })
        {
            Writes = existingLinkName is null
                ? new PlannedWrite(linkId, new VirtualNetworkLink { Location = PrivateDnsZoneStep.GlobalLocation, Tags = tags, Properties = new VirtualNetworkLinkProperties { VirtualNetwork = new SubResource(virtualNetworkId.ToString()), RegistrationEnabled = false, ResolutionPolicy = resolutionPolicy } })
                : null,
        }.Requires(existingLinkName is not null && failedState is null
            ? new ArmPermission[0]
            : new[] { ArmPermission.Write(linkId), ArmPermission.Join(virtualNetworkId) });
    }

    /// <summary>Azure's refusal of a second zone of one name for a VNet: a plain BadRequest, told apart only by its message.</summary>
    private static bool IsLinkedToAnotherZone(ArmException error) =>
        error.Code == "BadRequest" && error.ArmMessage?.IndexOf("overlapping namespaces", StringComparison.OrdinalIgnoreCase) >= 0;
}

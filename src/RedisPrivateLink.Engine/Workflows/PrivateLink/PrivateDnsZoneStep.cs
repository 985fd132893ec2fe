using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>Creates the cloud's private DNS zone (always in location "global"), or reuses it; one left Failed is sent again.</summary>
internal static class PrivateDnsZoneStep
{
    public const string GlobalLocation = "global";

    public static PlanStep Create(IArmGateway arm, PrivateDnsZoneTarget zone, IDictionary<string, string>? tags, IEnumerable<string> dependsOn)
    {
        var description = zone.FailedState is { } failed
            ? StepVerbs.Resend($"private DNS zone '{zone.ZoneId.Name}' in '{zone.ZoneId.ResourceGroupName}'", failed)
            : zone.Exists
            ? $"Use private DNS zone '{zone.ZoneId.Name}' in '{zone.ZoneId.ResourceGroupName}'"
            : $"Create private DNS zone '{zone.ZoneId.Name}' in '{zone.ZoneId.ResourceGroupName}'";
        return new PlanStep(StepKeys.PrivateDnsZone, StepVerbs.Action(zone.Exists, zone.FailedState), zone.ZoneId.ToString(), description, dependsOn, async (_, ct) =>
        {
            var existing = await arm.GetAsync<PrivateDnsZone>(zone.ZoneId, ct).ConfigureAwait(false);
            if (existing is not null && !FailedProvisioning.IsFailed(existing.Properties?.ProvisioningState))
            {
                return StepResult.Reused();
            }

            // A zone an earlier write left Failed gets the same definition again; tags it already has stay when none are asked.
            try
            {
                await arm.PutAsync(zone.ZoneId, new PrivateDnsZone { Location = GlobalLocation, Tags = tags ?? existing?.Tags }, cancellationToken: ct).ConfigureAwait(false);
            }
            catch (RedisPrivateLinkException denied) when (denied.ErrorId == ArmErrorIds.RequestDisallowedByPolicy)
            {
                // The pre-check could not ask Azure Policy, so ARM's refusal is the first word: the same advice.
                throw new RedisPrivateLinkException(denied.ErrorId, denied.Category, denied.Message + PolicyRestrictionCheck.PrivateDnsDeniedAdvice, zone.ZoneId.ToString(), denied.InnerException);
            }

            return existing is null ? StepResult.Created() : StepResult.Updated(FailedProvisioning.Resent(existing.Properties?.ProvisioningState));
        })
        {
            Writes = zone.Exists && zone.FailedState is null ? null : new PlannedWrite(zone.ZoneId, new PrivateDnsZone { Location = GlobalLocation, Tags = tags }),
        }.Requires(zone.Exists && zone.FailedState is null ? new ArmPermission[0] : new[] { ArmPermission.Write(zone.ZoneId) });
    }
}

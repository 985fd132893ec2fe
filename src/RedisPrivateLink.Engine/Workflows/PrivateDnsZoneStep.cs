using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>Creates the cloud's private DNS zone (always in location "global"), or reuses it.</summary>
internal static class PrivateDnsZoneStep
{
    public const string GlobalLocation = "global";

    public static PlanStep Create(IArmGateway arm, PrivateDnsZoneTarget zone, IDictionary<string, string>? tags, IEnumerable<string> dependsOn)
    {
        var description = zone.Exists
            ? $"Use private DNS zone '{zone.ZoneId.Name}' in '{zone.ZoneId.ResourceGroupName}'"
            : $"Create private DNS zone '{zone.ZoneId.Name}' in '{zone.ZoneId.ResourceGroupName}'";
        return new PlanStep(StepKeys.PrivateDnsZone, zone.Exists ? "Use" : "Create", zone.ZoneId.ToString(), description, dependsOn, async (_, ct) =>
        {
            if (await arm.GetAsync<PrivateDnsZone>(zone.ZoneId, ct).ConfigureAwait(false) is not null)
            {
                return StepResult.Reused();
            }

            await arm.PutAsync(zone.ZoneId, new PrivateDnsZone { Location = GlobalLocation, Tags = tags }, cancellationToken: ct).ConfigureAwait(false);
            return StepResult.Created();
        });
    }
}

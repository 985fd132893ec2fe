using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Creates a resource group with the user's tags (a "require a tag" policy refuses an untagged create), or reuses it as
/// it is (its location and tags are never changed).
/// </summary>
internal static class ResourceGroupStep
{
    public static PlanStep Create(IArmGateway arm, string key, ResourceId groupId, string location, bool exists, IDictionary<string, string>? tags, IEnumerable<string>? dependsOn = null)
    {
        var description = exists
            ? $"Use resource group '{groupId.ResourceGroupName}'"
            : $"Create resource group '{groupId.ResourceGroupName}' in {location}";
        return new PlanStep(key, StepVerbs.Action(exists, failedState: null), groupId.ToString(), description, dependsOn, async (_, ct) =>
        {
            var existing = await arm.GetAsync<ResourceGroup>(groupId, ct).ConfigureAwait(false);
            if (existing is not null)
            {
                return LocationRules.AreSame(existing.Location, location)
                    ? StepResult.Reused()
                    : StepResult.Reused($"it is in {existing.Location}, not {location}; the resources' own locations are unaffected");
            }

            await arm.PutAsync(groupId, new ResourceGroup { Location = location, Tags = tags }, cancellationToken: ct).ConfigureAwait(false);
            return StepResult.Created();
        }).Requires(exists ? new ArmPermission[0] : new[] { ArmPermission.Write(groupId) });
    }
}

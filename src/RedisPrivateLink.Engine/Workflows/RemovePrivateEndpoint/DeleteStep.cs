using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>Deletes one resource and waits for it to be gone; a resource already gone is not an error, so a re-run converges.</summary>
internal static class DeleteStep
{
    public static PlanStep Create(IArmGateway arm, string key, ResourceId id, string description, IEnumerable<string>? dependsOn) =>
        new PlanStep(key, "Delete", id.ToString(), description, dependsOn, async (_, ct) =>
            await arm.DeleteAsync(id, cancellationToken: ct).ConfigureAwait(false)
                ? StepResult.Deleted()
                : StepResult.Unchanged("it was already gone"))
            .Requires(ArmPermission.Delete(id));
}

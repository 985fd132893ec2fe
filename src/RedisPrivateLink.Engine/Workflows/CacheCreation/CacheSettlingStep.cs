using System;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Waits for an existing cache that is being created, updated or scaled to be idle before its private endpoint is
/// sent: Azure accepts an endpoint for a cache that is not steady, but its operation can then run for minutes and fail.
/// </summary>
internal static class CacheSettlingStep
{
    public static PlanStep Create(IArmGateway arm, CacheState cache)
    {
        var description = $"Wait for cache '{cache.Id.Name}' to finish: it is {cache.DescribeState()}";
        return new PlanStep(StepKeys.Cache, "Wait", cache.Id.ToString(), description, Array.Empty<string>(), async (step, ct) =>
        {
            var idle = await CacheProvisioning.WaitAsync(arm, cache.Kind, cache.Id, step, ct).ConfigureAwait(false);
            return StepResult.Reused($"it is {idle.DescribeState()}");
        });
    }
}

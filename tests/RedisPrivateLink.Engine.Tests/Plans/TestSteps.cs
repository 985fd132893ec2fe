using System;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Plans;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Plans;

internal static class TestSteps
{
    /// <summary>Guards against a hung test; never a timing assertion.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    public static PlanStep Step(string key, Func<StepContext, CancellationToken, Task<StepResult>> work, params string[] dependsOn) =>
        new(key, "Create", $"resource '{key}'", $"Create resource '{key}'", dependsOn, work);

    public static PlanStep Instant(string key, params string[] dependsOn) =>
        Step(key, (_, _) => Task.FromResult(StepResult.Created()), dependsOn);

    public static PlanStep Gated(string key, GatedWork work, params string[] dependsOn) => Step(key, work.RunAsync, dependsOn);

    public static Plan PlanOf(params PlanStep[] steps)
    {
        var plan = new Plan("Test plan");
        foreach (var step in steps)
        {
            plan.Add(step);
        }

        return plan;
    }

    public static Task Guarded(this Task task) => task.WaitAsync(HangGuard);

    public static Task<T> Guarded<T>(this Task<T> task) => task.WaitAsync(HangGuard);
}

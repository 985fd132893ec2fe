using System;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Plans;

/// <summary>What a completed run did, step by step, and how long it took.</summary>
public sealed class PlanResult
{
    internal PlanResult(IReadOnlyList<StepRunResult> steps, TimeSpan totalDuration)
    {
        Steps = steps;
        TotalDuration = totalDuration;
        CriticalPathDuration = LongestChain(steps);
    }

    /// <summary>Every step of the plan, in plan order.</summary>
    public IReadOnlyList<StepRunResult> Steps { get; }

    /// <summary>
    /// Wall time from the first step's start to the last step's end; the time a user takes to answer -Confirm is not in it.
    /// </summary>
    public TimeSpan TotalDuration { get; }

    /// <summary>
    /// The sum of actual durations along the longest dependency chain: the least wall time any scheduling could
    /// have achieved. The benchmark compares it with <see cref="TotalDuration"/> to measure scheduling overhead.
    /// </summary>
    public TimeSpan CriticalPathDuration { get; }

    /// <summary>The result of the step with <paramref name="key"/>.</summary>
    public StepRunResult this[string key] =>
        Steps.FirstOrDefault(result => result.Key == key) ?? throw new KeyNotFoundException($"The plan has no step '{key}'.");

    /// <param name="steps">In topological order, so each step's dependencies are finished before it is reached.</param>
    private static TimeSpan LongestChain(IReadOnlyList<StepRunResult> steps)
    {
        var chainEnd = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var result in steps)
        {
            var longestDependency = result.Step.DependsOn.Select(key => chainEnd[key]).DefaultIfEmpty(TimeSpan.Zero).Max();
            chainEnd[result.Key] = longestDependency + result.Duration;
        }

        return chainEnd.Values.DefaultIfEmpty(TimeSpan.Zero).Max();
    }
}

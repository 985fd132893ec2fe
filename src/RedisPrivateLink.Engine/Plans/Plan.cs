using System;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Plans;

/// <summary>
/// The steps of one cmdlet invocation with their dependencies. A malformed plan (duplicate key, unknown dependency,
/// cycle) is a bug in the cmdlet that built it, so it throws <see cref="InvalidOperationException"/>.
/// </summary>
public sealed class Plan
{
    private readonly List<PlanStep> _steps = new();
    private readonly Dictionary<string, PlanStep> _stepsByKey = new(StringComparer.Ordinal);

    /// <param name="title">The activity of the plan's progress bar, for example "Creating private cache 'cache1'".</param>
    public Plan(string title)
    {
        Title = string.IsNullOrWhiteSpace(title) ? throw new ArgumentException("A plan needs a title.", nameof(title)) : title;
    }

    public string Title { get; }

    /// <summary>The steps in the order they were added.</summary>
    public IReadOnlyList<PlanStep> Steps => _steps;

    /// <summary>Adds a step; its dependencies may be added later, and are checked by <see cref="Describe"/>.</summary>
    public void Add(PlanStep step)
    {
        if (step is null)
        {
            throw new ArgumentNullException(nameof(step));
        }

        if (_stepsByKey.ContainsKey(step.Key))
        {
            throw new InvalidOperationException($"The plan already has a step with key '{step.Key}'.");
        }

        _steps.Add(step);
        _stepsByKey.Add(step.Key, step);
    }

    /// <summary>
    /// The steps in a stable topological order: the order they were added, except that a step comes after everything
    /// it depends on. -WhatIf, -Confirm and the executor all use this order, so what is shown is what runs.
    /// </summary>
    public IReadOnlyList<PlanStep> Describe()
    {
        foreach (var step in _steps)
        {
            var unknown = step.DependsOn.FirstOrDefault(key => !_stepsByKey.ContainsKey(key));
            if (unknown is not null)
            {
                throw new InvalidOperationException($"Step '{step.Key}' depends on '{unknown}', which is not in the plan.");
            }
        }

        var ordered = new List<PlanStep>(_steps.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < _steps.Count)
        {
            // The earliest-added step whose dependencies are all placed keeps the order stable. Plans are a dozen
            // steps, so the quadratic scan costs nothing.
            var next = _steps.FirstOrDefault(step => !placed.Contains(step.Key) && step.DependsOn.All(placed.Contains));
            if (next is null)
            {
                throw new InvalidOperationException($"The plan's steps depend on each other in a cycle: {string.Join(" -> ", FindCycle(placed))}.");
            }

            ordered.Add(next);
            placed.Add(next.Key);
        }

        return ordered;
    }

    /// <summary>Follows unplaced dependencies from an unplaced step until a key repeats; that loop is the cycle.</summary>
    private IEnumerable<string> FindCycle(HashSet<string> placed)
    {
        var path = new List<string>();
        var current = _steps.First(step => !placed.Contains(step.Key));
        while (!path.Contains(current.Key))
        {
            path.Add(current.Key);
            current = _stepsByKey[current.DependsOn.First(key => !placed.Contains(key))];
        }

        return path.Skip(path.IndexOf(current.Key)).Concat(new[] { current.Key });
    }
}

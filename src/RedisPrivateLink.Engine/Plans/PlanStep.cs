using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Plans;

/// <summary>
/// One unit of work of a plan: what it does to which resource, what it waits for, and the work itself. Work must be
/// idempotent (create or reuse), so a plan that stopped half way converges when run again.
/// </summary>
public sealed class PlanStep
{
    public PlanStep(
        string key,
        string action,
        string target,
        string description,
        IEnumerable<string>? dependsOn,
        Func<StepContext, CancellationToken, Task<StepResult>> work)
    {
        Key = RequireText(key, nameof(key));
        Action = RequireText(action, nameof(action));
        Target = RequireText(target, nameof(target));
        Description = RequireText(description, nameof(description));
        DependsOn = (dependsOn ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal).ToArray();
        Work = work ?? throw new ArgumentNullException(nameof(work));
    }

    /// <summary>Unique within the plan; other steps name it in <see cref="DependsOn"/>.</summary>
    public string Key { get; }

    /// <summary>The verb ShouldProcess shows, for example Create, Update or Link.</summary>
    public string Action { get; }

    /// <summary>What the step touches, for example "virtual network 'vnet1' in 'rg'" or a resource id.</summary>
    public string Target { get; }

    /// <summary>One line for -WhatIf and the progress bar, for example "Create virtual network 'vnet1' in 'rg'".</summary>
    public string Description { get; }

    /// <summary>Keys of the steps that must succeed before this one starts.</summary>
    public IReadOnlyList<string> DependsOn { get; }

    /// <summary>The resource this step creates or changes, for Azure Policy's pre-check; null when it writes none (or only reuses).</summary>
    public PlannedWrite? Writes { get; set; }

    internal Func<StepContext, CancellationToken, Task<StepResult>> Work { get; }

    /// <summary>The RBAC actions the step's writes need, each on its scope; empty for a step that writes nothing.</summary>
    public IReadOnlyList<ArmPermission> Permissions => _permissions;

    private readonly List<ArmPermission> _permissions = new();

    /// <summary>Declares permissions the step's writes need (checked before the plan's first write); returns the step.</summary>
    public PlanStep Requires(IEnumerable<ArmPermission> permissions)
    {
        _permissions.AddRange((permissions ?? throw new ArgumentNullException(nameof(permissions))).Where(p => !_permissions.Contains(p)));
        return this;
    }

    /// <inheritdoc cref="Requires(IEnumerable{ArmPermission})"/>
    public PlanStep Requires(params ArmPermission[] permissions) => Requires((IEnumerable<ArmPermission>)permissions);

    public override string ToString() => Description;

    private static string RequireText(string value, string parameterName) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A non-empty value is required.", parameterName) : value;
}

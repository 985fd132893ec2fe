using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Runtime;

/// <summary>The base of cmdlets that call ARM: they take -Context and default to the session's.</summary>
public abstract class ArmCmdlet : RedisPrivateLinkCmdlet
{
    /// <summary>The context to use instead of the session default set by Connect-RedisPrivateLink.</summary>
    [Parameter]
    [ValidateNotNull]
    public RedisPrivateLinkContext? Context { get; set; }

    /// <summary>The context this invocation works in; stops with NotConnected when there is none.</summary>
    protected RedisPrivateLinkContext ResolveContext()
    {
        var context = Context ?? SessionContext.Current;
        if (context is null)
        {
            ThrowTerminating(
                "NotConnected",
                ErrorCategory.InvalidOperation,
                "No RedisPrivateLink context: run Connect-RedisPrivateLink first, or pass -Context.");
        }
        else if (context.IsDisposed)
        {
            ThrowTerminating(
                "ContextDisconnected",
                ErrorCategory.InvalidOperation,
                "This context was closed by Disconnect-RedisPrivateLink: run Connect-RedisPrivateLink again.");
        }

        return context!;
    }

    /// <summary>
    /// -AsJob: starts this command, with its parameters and <paramref name="context"/>, as a job (see
    /// <see cref="RedisPrivateLinkJob"/>), writes the job and returns true. With -WhatIf (or $WhatIfPreference) it returns false: nothing is
    /// done, so the plan is shown now. -Confirm is refused, since nothing in a job can answer a prompt.
    /// </summary>
    protected bool StartAsJob(RedisPrivateLinkContext context)
    {
        if (IsWhatIf)
        {
            return false;
        }

        if (IsPresent("Confirm"))
        {
            ThrowTerminating("AsJobCannotConfirm", ErrorCategory.InvalidArgument,
                "-AsJob runs the command where nothing can answer a prompt, so -Confirm cannot be given with it: run without -AsJob to confirm each step, or with -WhatIf first to see the plan.");
        }

        var parameters = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in MyInvocation.BoundParameters.Where(p => !string.Equals(p.Key, "AsJob", StringComparison.OrdinalIgnoreCase)))
        {
            parameters[parameter.Key] = parameter.Value;
        }

        parameters[nameof(Context)] = context;
        var command = MyInvocation.MyCommand;
        var job = RedisPrivateLinkJob.Start(command.Name, command.Module.ModuleBase, parameters, MyInvocation.Line?.Trim() is { Length: > 0 } line ? line : command.Name);
        JobRepository.Add(job);
        WriteObject(job);
        return true;
    }

    /// <summary>
    /// Before a long plan writes anything: a static -AccessToken that expires before the plan's expected end stops it
    /// (AccessTokenExpiresTooSoon), or with <paramref name="force"/> is a warning. -WhatIf writes nothing, so it is not checked.
    /// </summary>
    protected void CheckAccessTokenLasts(RedisPrivateLinkContext context, TimeSpan azurePlanDuration, bool force = false)
    {
        if (!IsWhatIf && AccessTokenLifetime.Check(context, azurePlanDuration, force, DateTimeOffset.UtcNow) is { } warning)
        {
            WriteWarningFromTask(warning);
        }
    }

    /// <summary>
    /// The permission check of this invocation: one per context, so the permissions of a scope are read once however
    /// many inputs a pipeline brings (a fleet in one resource group: one read).
    /// </summary>
    private PermissionCheck PermissionCheckFor(RedisPrivateLinkContext context)
    {
        var arm = context.GetArmGateway();
        lock (_permissionCheckGate)
        {
            return _permissionCheck?.Arm == arm ? _permissionCheck : _permissionCheck = new PermissionCheck(arm);
        }
    }

    private readonly object _permissionCheckGate = new();
    private PermissionCheck? _permissionCheck;

    protected static CacheReader ReaderFor(RedisPrivateLinkContext context) =>
        new(context.GetArmGateway(), context.SubscriptionId);

    /// <summary>
    /// Runs a prepared workflow: its notices become warnings, every step is put to ShouldProcess before any runs (so
    /// -WhatIf lists the whole plan, -Force asks nothing, and a session that cannot answer stops before any write),
    /// then the plan runs with progress.
    /// </summary>
    /// <returns>The run's result, or null when the plan had steps and none was allowed to run (-WhatIf).</returns>
    /// <param name="confirmStep">A further question for some steps (ShouldContinue), asked after ShouldProcess agreed.</param>
    protected async Task<PlanResult?> RunWorkflowAsync(PreparedWorkflow prepared, CancellationToken cancellationToken, Func<PlanStep, Task<bool>>? confirmStep = null)
    {
        foreach (var notice in prepared.Notices)
        {
            WriteWarningFromTask(notice);
        }

        // Every step is asked about before any runs, as PlanExecutor would, but in one turn so concurrently processed
        // inputs don't interleave their questions.
        var answers = await AskTogetherAsync(async () =>
        {
            var approved = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var step in prepared.Plan.Describe())
            {
                approved[step.Key] = await Dispatcher.InvokeAsync(() => AskQuestion(() => ShouldProcess(step.Description, $"{step.Description}?", step.Action), step.Description)).ConfigureAwait(false)
                    && (confirmStep is null || await confirmStep(step).ConfigureAwait(false));
            }

            if (IsWhatIf)
            {
                // -WhatIf shows what the plan needs of the credential, one line per action and scope, after its steps.
                foreach (var permission in PermissionCheck.Needed(prepared.Plan.Describe()))
                {
                    await Dispatcher.InvokeAsync(() => ShouldProcess($"Requires permission '{permission.Action}' on '{permission.Scope}'", string.Empty, "Permission")).ConfigureAwait(false);
                }
            }

            return approved;
        }, cancellationToken).ConfigureAwait(false);

        // Before the first write: what the allowed steps need of the credential, read once per scope for the whole invocation.
        var allowedSteps = prepared.Plan.Describe().Where(step => answers[step.Key]).ToList();
        if (PermissionCheck.Needed(allowedSteps).Count > 0)
        {
            await PermissionCheckFor(Context ?? SessionContext.Current!).RequireAsync(allowedSteps, cancellationToken).ConfigureAwait(false);
        }

        // Azure Policy, before the first write: a deny that would refuse a resource of the plan stops it here.
        await PolicyRestrictionCheck.RequireAllowedAsync((Context ?? SessionContext.Current)!.GetArmGateway(), prepared.Plan, step => answers[step.Key], cancellationToken).ConfigureAwait(false);

        var result = await PlanExecutor.RunAsync(
            prepared.Plan,
            new PlanRunOptions { ShouldProcess = step => Task.FromResult(answers[step.Key]) },
            cancellationToken).ConfigureAwait(false);

        return result.Steps.Count > 0 && result.Steps.All(step => step.Outcome == StepOutcome.Skipped) ? null : result;
    }

}

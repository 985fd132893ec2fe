using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// The resource providers a plan writes to, registered before its first write when the subscription is not registered
/// for them. Validation reads each namespace's state (one GET, a read, so -WhatIf can show the registration and the
/// permission it needs, {namespace}/register/action); the plan then gets a Register step that every other step waits
/// for. The gateway's own handling of MissingSubscriptionRegistration stays the safety net for a namespace that could
/// not be read or was unregistered since.
/// </summary>
internal static class ResourceProviderSteps
{
    public const string Cache = "Microsoft.Cache";
    public const string Network = "Microsoft.Network";

    /// <summary>The namespaces among <paramref name="providerNamespaces"/> that are not Registered (unreadable ones are left to the gateway).</summary>
    public static async Task<IReadOnlyList<string>> UnregisteredAsync(IArmGateway arm, string subscriptionId, IEnumerable<string> providerNamespaces, CancellationToken cancellationToken)
    {
        var unregistered = new List<string>();
        foreach (var providerNamespace in providerNamespaces)
        {
            var state = await ResourceProviderRegistration.ReadStateAsync(arm, subscriptionId, providerNamespace, cancellationToken).ConfigureAwait(false);
            if (state is not null && !ResourceProviderRegistration.IsRegistered(state))
            {
                unregistered.Add(providerNamespace);
            }
        }

        return unregistered;
    }

    /// <summary>
    /// <paramref name="plan"/> with a Register step first for each of <paramref name="unregistered"/>, and every other
    /// step depending on them: registration comes before any write. Registering is one POST and a minute or two of
    /// Azure's time, so nothing is gained by letting writes of other namespaces start earlier.
    /// </summary>
    public static Plan RegisteringFirst(Plan plan, IArmGateway arm, string subscriptionId, IReadOnlyList<string> unregistered)
    {
        if (unregistered.Count == 0)
        {
            return plan;
        }

        var registered = new Plan(plan.Title);
        var keys = unregistered.Select(StepKeys.ResourceProvider).ToArray();
        foreach (var providerNamespace in unregistered)
        {
            registered.Add(new PlanStep(StepKeys.ResourceProvider(providerNamespace), "Register", $"resource provider '{providerNamespace}' in subscription '{subscriptionId}'",
                $"Register resource provider '{providerNamespace}' in subscription '{subscriptionId}' (it is not registered; needs '{providerNamespace}/register/action')",
                null,
                async (step, ct) =>
                {
                    step.ReportStatus($"Registering '{providerNamespace}'");
                    await ResourceProviderRegistration.RegisterAsync(arm, subscriptionId, providerNamespace, ct).ConfigureAwait(false);
                    return StepResult.Updated();
                }).Requires(ArmPermission.Register(subscriptionId, providerNamespace)));
        }

        foreach (var step in plan.Steps)
        {
            registered.Add(new PlanStep(step.Key, step.Action, step.Target, step.Description, step.DependsOn.Concat(keys), step.Work) { Writes = step.Writes }.Requires(step.Permissions));
        }

        return registered;
    }
}

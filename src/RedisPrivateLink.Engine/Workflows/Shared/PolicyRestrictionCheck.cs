using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Azure Policy asked before a plan's first write: each resource the steps about to run create or change
/// (<see cref="PlanStep.Writes"/>) goes to Microsoft.PolicyInsights/checkPolicyRestrictions, once per distinct
/// content, at its resource group (at the subscription while the plan has still to create the group). When a deny
/// assignment would refuse any of them, the plan stops with RequestDisallowedByPolicy naming each resource and policy,
/// before anything is written. When Azure cannot answer (the caller may not read policy, a cloud without the API) the
/// plan goes on, and ARM's own refusal, if any, is reported the same way. An allowed answer is remembered for the
/// context (its gateway), so a fleet asks once per distinct content; a deny assigned since is still refused by ARM.
/// </summary>
public static class PolicyRestrictionCheck
{
    public const string ApiVersion = "2022-03-01";

    /// <summary>What to do when a policy denies private DNS zones (or their links or zone groups) where the plan writes them.</summary>
    internal const string PrivateDnsDeniedAdvice = " Private DNS zones are denied here, as in landing zones whose hub deploys each endpoint's DNS zone group by policy (DeployIfNotExists): run the command with -PrivateDnsZoneGroupByPolicy, so it creates no zone, link or zone group and waits for the policy's zone group instead, or name the hub's zone with -PrivateDnsZoneId.";

    private const string PrivateDnsZonesType = "Microsoft.Network/privateDnsZones";

    /// <summary>The questions each gateway (one per context) has had "allowed" for: resource group and request body.</summary>
    private static readonly ConditionalWeakTable<IArmGateway, ConcurrentDictionary<string, bool>> AllowedByGateway = new();

    /// <param name="willRun">Whether a step will run (ShouldProcess agreed): steps that won't are not asked about.</param>
    public static async Task RequireAllowedAsync(IArmGateway arm, Plan plan, Func<PlanStep, bool> willRun, CancellationToken cancellationToken)
    {
        if (arm is null)
        {
            throw new ArgumentNullException(nameof(arm));
        }

        if (plan is null)
        {
            throw new ArgumentNullException(nameof(plan));
        }

        var writes = plan.Steps.Where(s => s.Writes is not null && willRun(s)).Select(s => s.Writes!).ToList();
        var allowed = AllowedByGateway.GetValue(arm, _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal));
        var asked = new HashSet<string>(StringComparer.Ordinal);
        var missingGroups = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var denied = new List<(PlannedWrite Write, IReadOnlyList<PolicyViolation> Violations)>();
        foreach (var write in writes)
        {
            var body = RequestFor(write);
            var question = write.ResourceId.SubscriptionId + "/" + write.ResourceId.ResourceGroupName + " " + ArmJson.Serialize(body);
            if (allowed.ContainsKey(question) || !asked.Add(question))
            {
                continue;
            }

            var answer = await AskAsync(arm, write.ResourceId, body, missingGroups, cancellationToken).ConfigureAwait(false);
            if (answer is null)
            {
                return;
            }

            if (answer.Count > 0)
            {
                denied.Add((write, answer));
            }
            else
            {
                allowed[question] = true;
            }
        }

        if (denied.Count > 0)
        {
            var what = string.Join("; ", denied.Select(d => $"{TypeName(d.Write.ResourceId)} '{d.Write.ResourceId.Name}' in '{d.Write.ResourceId.ResourceGroupName}'"));
            var advice = denied.Any(d => d.Write.ResourceId.ResourceType.StartsWith(PrivateDnsZonesType, StringComparison.OrdinalIgnoreCase))
                ? PrivateDnsDeniedAdvice
                : string.Empty;
            throw PolicyViolation.Refusal($"the plan before anything was written ({what})", denied.SelectMany(d => d.Violations).ToList(), null,
                denied[0].Write.ResourceId.ToString(), null, advice);
        }
    }

    /// <summary>The policy denials of one resource; null when Azure could not answer (the check is then given up).</summary>
    private static async Task<IReadOnlyList<PolicyViolation>?> AskAsync(IArmGateway arm, ResourceId id, object body, ISet<string> missingGroups, CancellationToken cancellationToken)
    {
        var group = id.ResourceGroupName;
        var groupScope = group is not null && !missingGroups.Contains(group);
        var response = await PostAsync(arm, groupScope ? $"/subscriptions/{id.SubscriptionId}/resourceGroups/{group}" : $"/subscriptions/{id.SubscriptionId}", body, cancellationToken).ConfigureAwait(false);
        if (groupScope && response.Status == 404)
        {
            // The plan creates the group: only the subscription's assignments can be asked about yet.
            missingGroups.Add(group!);
            response = await PostAsync(arm, $"/subscriptions/{id.SubscriptionId}", body, cancellationToken).ConfigureAwait(false);
        }

        if (!response.IsSuccess)
        {
            OperationReporter.Current.Verbose($"Azure Policy's checkPolicyRestrictions answered {response.Status}: the plan goes on without the policy pre-check (ARM still refuses what a policy denies).");
            return null;
        }

        try
        {
            return PolicyViolation.FromRestrictions(response.Content);
        }
        catch (JsonException)
        {
            OperationReporter.Current.Verbose("Azure Policy's checkPolicyRestrictions answered something that is not JSON: the plan goes on without the policy pre-check.");
            return null;
        }
    }

    private static Task<ArmResponse> PostAsync(IArmGateway arm, string scope, object body, CancellationToken cancellationToken) =>
        arm.SendAsync(new ArmRequest(RequestMethod.Post, scope + "/providers/Microsoft.PolicyInsights/checkPolicyRestrictions") { ApiVersion = ApiVersion, Body = body }, cancellationToken);

    /// <summary>resourceDetails: the content with its type and name, and for a child resource its parent as the scope.</summary>
    private static object RequestFor(PlannedWrite write)
    {
        var content = new Dictionary<string, object?>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(ArmJson.Serialize(write.Content)))
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                content[property.Name] = property.Value.Clone();
            }
        }

        content["type"] = write.ResourceId.ResourceType;
        if (write.Named)
        {
            content["name"] = write.ResourceId.Name;
        }

        var details = new Dictionary<string, object?> { ["resourceContent"] = content };
        if (write.ResourceId.Names.Count > 1 && write.ResourceId.Parent is { } parent)
        {
            details["scope"] = parent.ToString();
        }

        return new Dictionary<string, object?> { ["resourceDetails"] = details };
    }

    private static string TypeName(ResourceId id) => id.ResourceType.Substring(id.ResourceType.IndexOf('/') + 1);
}

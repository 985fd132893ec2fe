using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// One Azure Policy assignment that denies a request, as ARM's 403 RequestDisallowedByPolicy names it in
/// error.additionalInfo (type PolicyViolation) or checkPolicyRestrictions in contentEvaluationResult.policyEvaluations:
/// the assignment, its definition and the conditions that held, from which what the policy requires is said.
/// </summary>
public sealed class PolicyViolation
{
    public const string DeniedCode = "RequestDisallowedByPolicy";

    private PolicyViolation(string? assignmentId, string? assignmentDisplayName, string? definitionId, string? definitionDisplayName, string? scope, IReadOnlyList<string> requirements)
    {
        AssignmentId = assignmentId;
        AssignmentDisplayName = assignmentDisplayName;
        DefinitionId = definitionId;
        DefinitionDisplayName = definitionDisplayName;
        Scope = scope;
        Requirements = requirements;
    }

    public string? AssignmentId { get; }

    public string? AssignmentDisplayName { get; }

    public string? DefinitionId { get; }

    public string? DefinitionDisplayName { get; }

    /// <summary>Where the assignment is made (its id says it too).</summary>
    public string? Scope { get; }

    /// <summary>What the policy requires, one phrase per condition that made it deny ("properties.publicNetworkAccess to be 'Disabled' (the request has 'Enabled')").</summary>
    public IReadOnlyList<string> Requirements { get; }

    /// <summary>The violations of a RequestDisallowedByPolicy error (none when it carries no additionalInfo).</summary>
    public static IReadOnlyList<PolicyViolation> FromError(ArmError error)
    {
        if (error?.AdditionalProperties is null || !error.AdditionalProperties.TryGetValue("additionalInfo", out var infos) || infos.ValueKind != JsonValueKind.Array)
        {
            return Array.Empty<PolicyViolation>();
        }

        return infos.EnumerateArray()
            .Where(i => i.ValueKind == JsonValueKind.Object && string.Equals(Text(i, "type"), "PolicyViolation", StringComparison.OrdinalIgnoreCase)
                        && i.TryGetProperty("info", out var info) && info.ValueKind == JsonValueKind.Object)
            .Select(i => i.GetProperty("info"))
            .Select(info => new PolicyViolation(
                Text(info, "policyAssignmentId"), Text(info, "policyAssignmentDisplayName"), Text(info, "policyDefinitionId"), Text(info, "policyDefinitionDisplayName"),
                Text(info, "policyAssignmentScope"), RequirementsOf(info)))
            .ToList();
    }

    /// <summary>The denials in a checkPolicyRestrictions answer (contentEvaluationResult.policyEvaluations that are NonCompliant).</summary>
    public static IReadOnlyList<PolicyViolation> FromRestrictions(string content)
    {
        using var document = JsonDocument.Parse(content);
        if (!document.RootElement.TryGetProperty("contentEvaluationResult", out var result) || result.ValueKind != JsonValueKind.Object
            || !result.TryGetProperty("policyEvaluations", out var evaluations) || evaluations.ValueKind != JsonValueKind.Array)
        {
            return Array.Empty<PolicyViolation>();
        }

        return evaluations.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.Object && string.Equals(Text(e, "evaluationResult"), "NonCompliant", StringComparison.OrdinalIgnoreCase))
            .Select(e =>
            {
                var info = e.TryGetProperty("policyInfo", out var policyInfo) && policyInfo.ValueKind == JsonValueKind.Object ? policyInfo : default;
                return new PolicyViolation(Text(info, "policyAssignmentId"), null, Text(info, "policyDefinitionId"), null, null, RequirementsOf(e));
            })
            .ToList();
    }

    /// <summary>
    /// "policy assignment 'Deny private DNS zones' (/subscriptions/…/policyAssignments/x) of definition 'Deny…'
    /// (/providers/…/policyDefinitions/y), which requires …": the names Azure gave, else the last segment of the ids.
    /// </summary>
    public string Describe()
    {
        var assignment = AssignmentDisplayName ?? LastSegment(AssignmentId) ?? "(unnamed)";
        var definition = DefinitionDisplayName ?? LastSegment(DefinitionId) ?? "(unnamed)";
        var requires = Requirements.Count == 0 ? "denies it" : $"requires {string.Join("; ", Requirements)}";
        return $"policy assignment '{assignment}' ({AssignmentId ?? "id not given"}) of policy definition '{definition}' ({DefinitionId ?? "id not given"}), which {requires}";
    }

    /// <summary>The refusal as the module reports it: who denies, what they require, and what to do.</summary>
    public static RedisPrivateLinkException Refusal(string what, IReadOnlyList<PolicyViolation> violations, string? armMessage, string target, Exception? inner, string advice = "")
    {
        var policies = violations.Count == 0
            ? $"ARM says: {armMessage?.Trim() ?? "the request was disallowed by policy"}"
            : string.Join("; and ", violations.Select(v => v.Describe()));
        return new RedisPrivateLinkException(ArmErrorIds.RequestDisallowedByPolicy, RedisPrivateLinkErrorCategory.SecurityError,
            $"Azure Policy denies {what}: {policies}.{advice} Change the request to comply, or ask the assignment's owner for an exemption (New-AzPolicyExemption) at this scope; nothing is retried while the policy denies it.",
            target, inner);
    }

    private static IReadOnlyList<string> RequirementsOf(JsonElement holder)
    {
        if (holder.ValueKind != JsonValueKind.Object || !holder.TryGetProperty("evaluationDetails", out var details) || details.ValueKind != JsonValueKind.Object
            || !details.TryGetProperty("evaluatedExpressions", out var expressions) || expressions.ValueKind != JsonValueKind.Array)
        {
            return Array.Empty<string>();
        }

        var held = expressions.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object && string.Equals(Text(e, "result"), "True", StringComparison.OrdinalIgnoreCase)).ToList();
        var typeOnly = held.Where(e => string.Equals(Text(e, "path"), "type", StringComparison.OrdinalIgnoreCase)).ToList();
        var conditions = held.Except(typeOnly).Select(Requirement).OfType<string>().ToList();
        if (conditions.Count == 0 && typeOnly.Count > 0)
        {
            return new[] { $"no resource of type '{Text(typeOnly[0], "targetValue") ?? Text(typeOnly[0], "expressionValue")}' in its scope" };
        }

        return conditions;
    }

    private static string? Requirement(JsonElement expression)
    {
        var path = Text(expression, "path") ?? Text(expression, "expression");
        var target = Text(expression, "targetValue");
        var value = Text(expression, "expressionValue");
        var has = value is null ? "the request has none" : $"the request has '{value}'";
        return Text(expression, "operator")?.ToLowerInvariant() switch
        {
            "notequals" => $"{path} to be '{target}' ({has})",
            "equals" => $"{path} not to be '{target}'",
            "exists" when string.Equals(target, "false", StringComparison.OrdinalIgnoreCase) => $"{path} to be set",
            "exists" => $"{path} not to be set",
            "notin" => $"{path} to be one of {target} ({has})",
            "in" => $"{path} not to be one of {target}",
            { } other => $"{path} not to satisfy {other} '{target}' ({has})",
            null => null,
        };
    }

    private static string? Text(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }

    private static string? LastSegment(string? id) => id is null ? null : id.Substring(id.LastIndexOf('/') + 1);
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Policy;

/// <summary>
/// A Deny assignment judged against a resource's content: each condition it has (type, field, tag) becomes one
/// evaluated expression, shaped as Azure Policy reports them in evaluationDetails.evaluatedExpressions.
/// </summary>
internal static class PolicyEvaluation
{
    /// <summary>The expressions when every condition of <paramref name="assignment"/> holds (the deny applies), else null.</summary>
    public static JsonArray? Violation(PolicyAssignment assignment, string type, JsonObject content)
    {
        var expressions = new JsonArray();
        if (!type.Equals(assignment.ResourceType, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        expressions.Add(Expression("type", "type", type, assignment.ResourceType!, "Equals"));
        if (assignment.Field is { } field)
        {
            var value = Value(content, field);
            var holds = assignment.EqualsValue is { } expected
                ? string.Equals(value, expected, StringComparison.OrdinalIgnoreCase)
                : !string.Equals(value, assignment.NotEqualsValue, StringComparison.OrdinalIgnoreCase);
            if (!holds)
            {
                return null;
            }

            expressions.Add(Expression($"{assignment.ResourceType}/{field[(field.LastIndexOf('.') + 1)..]}", field, value,
                assignment.EqualsValue ?? assignment.NotEqualsValue!, assignment.EqualsValue is null ? "NotEquals" : "Equals"));
        }

        if (assignment.RequiredTag is { } tag)
        {
            var tags = Child(content, "tags") as JsonObject;
            if (tags is not null && tags.Any(t => t.Key.Equals(tag, StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            // The condition is {"field": "tags[name]", "exists": "false"}: it holds while the tag is missing.
            expressions.Add(Expression($"tags[{tag}]", $"tags[{tag}]", null, "false", "Exists"));
        }

        return expressions;
    }

    /// <summary>A property path's value as text ("properties.publicNetworkAccess"), names compared as ARM does, ignoring case.</summary>
    public static string? Value(JsonObject content, string path)
    {
        JsonNode? node = content;
        foreach (var name in path.Split('.'))
        {
            node = node is JsonObject parent ? Child(parent, name) : null;
        }

        return node is JsonValue value && value.GetValueKind() is not JsonValueKind.Null ? value.ToString() : null;
    }

    private static JsonNode? Child(JsonObject parent, string name) =>
        parent.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static JsonObject Expression(string expression, string path, string? value, string target, string op) => new()
    {
        ["result"] = "True",
        ["expressionKind"] = "Field",
        ["expression"] = expression,
        ["path"] = path,
        ["expressionValue"] = value,
        ["targetValue"] = target,
        ["operator"] = op,
    };
}

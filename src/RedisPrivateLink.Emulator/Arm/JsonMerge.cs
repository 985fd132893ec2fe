using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>RFC 7386 merge patch, which is what ARM PATCH means for resource bodies.</summary>
internal static class JsonMerge
{
    public static JsonObject Apply(JsonObject target, JsonObject patch)
    {
        var merged = (JsonObject)target.DeepClone();
        foreach (var (name, value) in patch)
        {
            if (value is null)
            {
                merged.Remove(name);
            }
            else if (value is JsonObject patchObject && merged[name] is JsonObject existing)
            {
                merged[name] = Apply(existing, patchObject);
            }
            else
            {
                merged[name] = value.DeepClone();
            }
        }

        return merged;
    }

    public static JsonObject Properties(JsonObject body) =>
        body["properties"] as JsonObject ?? (JsonObject)(body["properties"] = new JsonObject());

    public static string? String(JsonNode? node, string name) =>
        node is JsonObject obj && obj.TryGetPropertyValue(name, out var value) && value is JsonValue v
        && v.TryGetValue<string>(out var text) ? text : null;
}

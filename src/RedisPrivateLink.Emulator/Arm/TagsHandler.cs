using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Providers;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>
/// The Tags API on a resource group: <c>subscriptions/{s}/resourceGroups/{g}/providers/Microsoft.Resources/tags/default</c>,
/// and on a top-level resource in it: <c>…/providers/{namespace}/{type}/{name}/providers/Microsoft.Resources/tags/default</c>
/// (the resource's own tags, whatever its provider).
/// GET reads the scope's tags; PUT replaces them; PATCH <c>{"operation": "Merge"|"Replace"|"Delete", "properties": {"tags"}}</c>
/// merges, replaces, or deletes the named tags (a given value must match); DELETE removes them all. All synchronous (200).
/// </summary>
internal sealed class TagsHandler(EmulatorContext emulator)
{
    public static readonly IReadOnlyList<string> ApiVersions =
        ["2019-10-01", "2020-06-01", "2020-10-01", "2021-01-01", "2021-04-01", "2022-09-01", "2023-07-01", "2024-03-01"];

    private const int MaxTags = 50;
    private const int MaxNameLength = 512;
    private const int MaxValueLength = 256;

    public ArmResult Handle(ArmRequest request)
    {
        if (!ApiVersions.Contains(request.ApiVersion))
        {
            throw ArmErrors.InvalidApiVersion(request.ApiVersion, ApiVersions);
        }

        var groupName = request.Path[3];
        var scope = emulator.Store.Find(EmulatorContext.ResourceGroupId(request.Path[1], groupName)) ?? throw ArmErrors.ResourceGroupNotFound(groupName);
        if (request.Path.Count > 8)
        {
            // A resource's scope: subscriptions/{s}/resourceGroups/{g}/providers/{namespace}/{type}/{name}.
            var resourceId = "/" + string.Join("/", request.Path.Segments.Take(8));
            scope = emulator.Store.Find(resourceId) ?? throw ArmErrors.ResourceNotFound($"{request.Path[5]}/{request.Path[6]}/{request.Path[7]}", groupName);
        }

        var current = scope.Body["tags"] as JsonObject ?? new JsonObject();
        var updated = request.Method switch
        {
            "GET" => current,
            "PUT" => GivenTags(request.RequireObjectBody()),
            "PATCH" => Patch(request.RequireObjectBody(), current),
            "DELETE" => new JsonObject(),
            _ => throw ArmErrors.MethodNotAllowed(request.Method),
        };
        if (request.Method != "GET")
        {
            Validate(updated);
            scope.Body["tags"] = updated.DeepClone();
        }

        return new ArmResult(200, new JsonObject
        {
            ["id"] = $"{scope.Id}/providers/Microsoft.Resources/tags/default",
            ["name"] = "default",
            ["type"] = "Microsoft.Resources/tags",
            ["properties"] = new JsonObject { ["tags"] = updated.DeepClone() },
        });
    }

    private static JsonObject Patch(JsonObject body, JsonObject current)
    {
        var given = GivenTags(body);
        var operation = JsonMerge.String(body, "operation");
        var result = (JsonObject)current.DeepClone();
        switch (operation?.ToLowerInvariant())
        {
            case "merge":
                foreach (var (name, value) in given)
                {
                    Remove(result, name);
                    result[name] = value?.DeepClone();
                }

                return result;
            case "replace":
                return given;
            case "delete":
                foreach (var (name, value) in given)
                {
                    var existing = result.FirstOrDefault(tag => tag.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
                    var wanted = value?.GetValue<string>();
                    if (existing.Key is not null && (string.IsNullOrEmpty(wanted) || wanted == existing.Value?.GetValue<string>()))
                    {
                        result.Remove(existing.Key);
                    }
                }

                return result;
            default:
                throw new ArmException(400, "InvalidRequestContent", $"The operation '{operation}' is not one of 'Merge', 'Replace', 'Delete'.");
        }
    }

    private static JsonObject GivenTags(JsonObject body) =>
        (body["properties"] as JsonObject)?["tags"] is JsonObject tags
            ? (JsonObject)tags.DeepClone()
            : throw new ArmException(400, "InvalidRequestContent", "The request content must have 'properties.tags'.");

    /// <summary>Tag names are case-insensitive: a merge replaces a tag whatever the case it was written in.</summary>
    private static void Remove(JsonObject tags, string name)
    {
        var existing = tags.FirstOrDefault(tag => tag.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Key;
        if (existing is not null)
        {
            tags.Remove(existing);
        }
    }

    private static void Validate(JsonObject tags)
    {
        if (tags.Count > MaxTags)
        {
            throw new ArmException(400, "InvalidTagCount", $"The resource can have at most {MaxTags} tags; the request leaves {tags.Count}.");
        }

        foreach (var (name, value) in tags)
        {
            if (name.Length > MaxNameLength)
            {
                throw new ArmException(400, "InvalidTagNameLength", $"Tag name too large. Following tag name '{name}' exceeded the maximum length. Maximum allowed length for tag name - '{MaxNameLength}' characters.");
            }

            if (value?.GetValue<string>() is { Length: > MaxValueLength } text)
            {
                throw new ArmException(400, "InvalidTagValueLength", $"Tag value too large. Following tag value '{text}' exceeded the maximum length. Maximum allowed length for tag value - '{MaxValueLength}' characters.");
            }
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>One ARM call as the handlers see it.</summary>
internal sealed class ArmRequest
{
    public required string Method { get; init; }

    public required ArmPath Path { get; init; }

    public required string ApiVersion { get; init; }

    /// <summary>The parsed JSON body, or null when there was none.</summary>
    public JsonNode? Body { get; init; }

    /// <summary>https://127.0.0.1:{port}/ — polling and paging links point back here.</summary>
    public required string BaseUrl { get; init; }

    public int SkipToken { get; init; }

    /// <summary>The oid of a token the emulator issued; null for other bearer tokens (the static one).</summary>
    public string? PrincipalId { get; init; }

    public required DateTimeOffset Now { get; init; }

    public JsonObject RequireObjectBody() =>
        Body as JsonObject ?? throw ArmErrors.InvalidRequestContent("a JSON object body is required");

    public string Url(string pathWithoutLeadingSlash, string? apiVersion = null) =>
        $"{BaseUrl}{pathWithoutLeadingSlash}?api-version={Uri.EscapeDataString(apiVersion ?? ApiVersion)}";

    /// <summary>
    /// {"value":[...]} with a nextLink while more remain, the way ARM pages long lists. Only the page is rendered:
    /// rendering reads other resources, and long lists (thousands of caches) are paged many times.
    /// </summary>
    public JsonObject Page<T>(IEnumerable<T> items, Func<T, JsonObject> render, int pageSize)
    {
        var all = items.ToList();
        var value = new JsonArray();
        foreach (var item in all.Skip(SkipToken).Take(pageSize))
        {
            value.Add(render(item));
        }

        var page = new JsonObject { ["value"] = value };
        var next = SkipToken + pageSize;
        if (next < all.Count)
        {
            page["nextLink"] = Url(Path.Raw.TrimStart('/')) + "&$skiptoken=" + next.ToString(CultureInfo.InvariantCulture);
        }

        return page;
    }
}

using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;

namespace RedisPrivateLink.Emulator.Authorization;

/// <summary>
/// GET {scope}/providers/Microsoft.Authorization/permissions: the caller's effective permissions at a subscription,
/// resource group or resource, in the shape of azure-rest-api-specs' authorization spec (Permissions_ListForResourceGroup,
/// Permissions_ListForResource: {"value":[{"actions","notActions","dataActions","notDataActions"}]}), one entry per role
/// the caller holds there or above. A caller whose requests are not evaluated (the static token, a principal without
/// assignments) gets one entry allowing "*": our reading, matching what the emulator lets it do.
/// </summary>
internal static class PermissionsEndpoint
{
    /// <summary>The api-versions of Microsoft.Authorization's permissions in azure-rest-api-specs.</summary>
    public static readonly IReadOnlyList<string> ApiVersions = ["2015-07-01", "2018-01-01-preview", "2022-04-01"];

    public static bool IsPermissionsCall(ArmPath path) =>
        path.Count >= 5 && path.Is(path.Count - 3, "providers") && path.Is(path.Count - 2, "Microsoft.Authorization") && path.Is(path.Count - 1, "permissions");

    public static ArmResult Handle(ArmRequest request, EmulatorContext emulator)
    {
        if (request.Method != "GET")
        {
            throw ArmErrors.MethodNotAllowed(request.Method);
        }

        if (!ApiVersions.Contains(request.ApiVersion))
        {
            throw ArmErrors.InvalidApiVersion(request.ApiVersion, ApiVersions);
        }

        var path = request.Path;
        var scopeSegments = path.Segments.Take(path.Count - 3).ToList();
        var scope = "/" + string.Join('/', scopeSegments);
        RequireScopeExists(emulator, scopeSegments, scope);

        var value = new JsonArray();
        var principal = request.PrincipalId;
        if (principal is null || !emulator.RoleAssignments.IsEnforcedFor(principal))
        {
            value.Add(Entry(["*"], []));
        }
        else
        {
            foreach (var role in emulator.RoleAssignments.RolesAt(principal, scope))
            {
                value.Add(Entry(role.Actions, role.NotActions));
            }
        }

        return new ArmResult(200, new JsonObject { ["value"] = value });
    }

    /// <summary>A group that does not exist answers ResourceGroupNotFound, as every call under it does; a missing resource ResourceNotFound (our reading).</summary>
    private static void RequireScopeExists(EmulatorContext emulator, IReadOnlyList<string> segments, string scope)
    {
        if (segments.Count >= 4 && segments[2].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase))
        {
            emulator.RequireResourceGroup(segments[1], segments[3]);
        }

        if (segments.Count > 4 && emulator.Store.Find(scope) is null)
        {
            throw ArmErrors.ResourceNotFound(string.Join('/', segments.Skip(5)), segments[3]);
        }
    }

    private static JsonObject Entry(IEnumerable<string> actions, IEnumerable<string> notActions) => new()
    {
        ["actions"] = new JsonArray(actions.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
        ["notActions"] = new JsonArray(notActions.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()),
        ["dataActions"] = new JsonArray(),
        ["notDataActions"] = new JsonArray(),
    };
}

using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;

namespace RedisPrivateLink.Emulator.Authorization;

/// <summary>
/// ARM's role-based access check of one request, for principals that hold role assignments here: the request's
/// action ({namespace}/{type}/read|write|delete, or .../{name}/action for a POST) must be allowed at its scope, and a
/// write that references another resource (a private endpoint's subnet, a zone group's zones, a link's network, an
/// injected cache's subnet) needs that resource's join action too. Refusals are ARM's real 403 bodies.
/// </summary>
internal static class RequestAuthorization
{
    public const string SubnetJoin = "Microsoft.Network/virtualNetworks/subnets/join/action";
    public const string VirtualNetworkJoin = "Microsoft.Network/virtualNetworks/join/action";
    public const string PrivateDnsZoneJoin = "Microsoft.Network/privateDnsZones/join/action";

    public static void Require(ArmRequest request, RoleAssignments assignments)
    {
        if (request.PrincipalId is not { } principal || !assignments.IsEnforcedFor(principal) || ActionOf(request) is not { } required)
        {
            return;
        }

        if (!IsAllowed(assignments, principal, required.Action, required.Scope))
        {
            throw AuthorizationFailed(principal, required.Action, required.Scope);
        }

        foreach (var (linkedAction, linkedScope) in LinkedActions(request))
        {
            if (!IsAllowed(assignments, principal, linkedAction, linkedScope))
            {
                throw LinkedAuthorizationFailed(principal, required.Action, required.Scope, linkedAction, linkedScope);
            }
        }
    }

    /// <summary>
    /// Whether a subscription-wide list shows the caller this resource: lists are not refused but filtered to what the
    /// caller may read (our reading; Azure does not publish how it answers them to callers with narrower roles).
    /// </summary>
    public static bool MayRead(ArmRequest request, RoleAssignments assignments, string readAction, string resourceId) =>
        request.PrincipalId is not { } principal || !assignments.IsEnforcedFor(principal) || IsAllowed(assignments, principal, readAction, resourceId);

    public static bool IsAllowed(RoleAssignments assignments, string principal, string action, string scope) =>
        assignments.RolesAt(principal, scope).Any(role => role.Allows(action));

    /// <summary>
    /// The action a request performs and the scope it is checked at; null for what is not checked here: polls of
    /// operations, the subscription itself and lists across it, provider descriptions, and the permissions endpoint
    /// (see the README: our reading).
    /// </summary>
    public static (string Action, string Scope)? ActionOf(ArmRequest request)
    {
        var path = request.Path;
        var segments = path.Segments;
        var verb = request.Method switch
        {
            "GET" or "HEAD" => "read",
            "PUT" or "PATCH" => "write",
            "DELETE" => "delete",
            _ => null,
        };
        var subscriptionScope = $"/subscriptions/{segments[1]}";
        if (path.Count == 5 && path.Is(2, "providers") && request.Method == "POST")
        {
            return ($"{segments[3]}/{segments[4]}/action", subscriptionScope);
        }

        if (!path.Is(2, "resourcegroups") || path.Count < 4)
        {
            return null;
        }

        var groupScope = $"{subscriptionScope}/resourceGroups/{segments[3]}";
        if (path.Count == 4)
        {
            return verb is null ? null : ($"Microsoft.Resources/subscriptions/resourceGroups/{verb}", groupScope);
        }

        if (!path.Is(4, "providers") || path.Count < 7 || path.Is(6, "privateDnsOperationStatuses") || path.Is(6, "privateDnsOperationResults"))
        {
            return null;
        }

        if (path.Count >= 8 && path.Is(path.Count - 4, "providers") && path.Is(path.Count - 3, "Microsoft.Resources") && path.Is(path.Count - 2, "tags"))
        {
            var tagged = "/" + string.Join('/', segments.Take(path.Count - 4));
            return verb is null ? null : ($"Microsoft.Resources/tags/{verb}", tagged);
        }

        // providers/{namespace}/{type}/{name}/{childType}/{childName}...: an odd tail is a collection or a POST action.
        var rest = segments.Skip(5).ToList();
        var types = rest.Skip(1).Where((_, index) => index % 2 == 0).ToList();
        var endsOnName = (rest.Count - 1) % 2 == 0;
        if (endsOnName)
        {
            return verb is null ? null : ($"{rest[0]}/{string.Join('/', types)}/{verb}", path.Raw.TrimEnd('/'));
        }

        var parentScope = "/" + string.Join('/', segments.Take(path.Count - 1));
        if (request.Method == "POST")
        {
            return ($"{rest[0]}/{string.Join('/', types.Take(types.Count - 1))}/{types[^1]}/action", parentScope);
        }

        return verb is null ? null : ($"{rest[0]}/{string.Join('/', types)}/{verb}", parentScope);
    }

    /// <summary>The join actions a write needs on the resources its body references.</summary>
    private static IEnumerable<(string Action, string Scope)> LinkedActions(ArmRequest request)
    {
        if (request.Method != "PUT" || request.Body?["properties"] is not JsonObject properties || ActionOf(request)?.Action is not { } action)
        {
            yield break;
        }

        if (action.Equals("Microsoft.Network/privateEndpoints/write", StringComparison.OrdinalIgnoreCase) && Id(properties["subnet"]) is { } subnet)
        {
            yield return (SubnetJoin, subnet);
        }
        else if (action.Equals("Microsoft.Network/privateEndpoints/privateDnsZoneGroups/write", StringComparison.OrdinalIgnoreCase)
                 && properties["privateDnsZoneConfigs"] is JsonArray configs)
        {
            foreach (var zone in configs.Select(c => c?["properties"]?["privateDnsZoneId"]?.GetValue<string>()).OfType<string>())
            {
                yield return (PrivateDnsZoneJoin, zone.TrimEnd('/'));
            }
        }
        else if (action.Equals("Microsoft.Network/privateDnsZones/virtualNetworkLinks/write", StringComparison.OrdinalIgnoreCase) && Id(properties["virtualNetwork"]) is { } network)
        {
            yield return (VirtualNetworkJoin, network);
        }
        else if (action.Equals("Microsoft.Cache/redis/write", StringComparison.OrdinalIgnoreCase) && properties["subnetId"]?.GetValue<string>() is { Length: > 0 } injectedSubnet)
        {
            yield return (SubnetJoin, injectedSubnet.TrimEnd('/'));
        }
    }

    private static string? Id(JsonNode? reference) => reference?["id"]?.GetValue<string>()?.TrimEnd('/');

    /// <summary>ARM's words, as Azure/ARO-RP#66 quotes a storage account write refused to a service principal.</summary>
    public static ArmException AuthorizationFailed(string principal, string action, string scope) =>
        new(403, "AuthorizationFailed",
            $"The client '{principal}' with object id '{principal}' does not have authorization to perform action '{action}' over scope '{scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.")
        {
            FailureCause = "gateway",
        };

    /// <summary>ARM's words, as microsoft/planetary-computer-hub#25 quotes a subnet write refused a route table's join.</summary>
    public static ArmException LinkedAuthorizationFailed(string principal, string action, string scope, string linkedAction, string linkedScope) =>
        new(403, "LinkedAuthorizationFailed",
            $"The client '{principal}' with object id '{principal}' has permission to perform action '{action}' on scope '{scope}'; however, it does not have permission to perform action '{linkedAction}' on the linked scope(s) '{linkedScope}' or the linked scope(s) are invalid.")
        {
            FailureCause = "gateway",
        };
}

namespace RedisPrivateLink.Emulator.Authorization;

/// <summary>
/// Role assignments per principal (the token's oid) at any scope: a subscription, a resource group or a resource. Set
/// through the control plane only. An assignment applies at its scope and everything under it, as Azure's do.
/// </summary>
internal sealed class RoleAssignments
{
    private readonly Lock _gate = new();
    private readonly List<RoleAssignment> _assignments = [];

    /// <exception cref="ArgumentException">An unknown role or a scope outside a subscription.</exception>
    public RoleAssignment Add(string principalId, string scope, string role, string? id = null)
    {
        if (!Guid.TryParse(principalId, out _))
        {
            throw new ArgumentException($"principalId '{principalId}' is not a GUID (the token's oid).");
        }

        var definition = BuiltInRoles.Find(role)
            ?? throw new ArgumentException($"Role '{role}' is not one the emulator knows: {string.Join(", ", BuiltInRoles.All.Select(r => r.Name))}.");
        var normalized = "/" + scope.Trim().Trim('/');
        var segments = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || !segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Scope '{scope}' is not /subscriptions/{{id}}[/resourceGroups/{{name}}[/providers/...]].");
        }

        var assignment = new RoleAssignment(id ?? Guid.NewGuid().ToString(), principalId.ToLowerInvariant(), normalized, definition.Name);
        lock (_gate)
        {
            _assignments.RemoveAll(a => a.Id.Equals(assignment.Id, StringComparison.OrdinalIgnoreCase));
            _assignments.Add(assignment);
        }

        return assignment;
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _assignments.RemoveAll(a => a.Id.Equals(id, StringComparison.OrdinalIgnoreCase)) > 0;
        }
    }

    public IReadOnlyList<RoleAssignment> Snapshot()
    {
        lock (_gate)
        {
            return _assignments.ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _assignments.Clear();
        }
    }

    /// <summary>Whether requests with this oid are evaluated: only principals that hold at least one assignment (our reading, see the README).</summary>
    public bool IsEnforcedFor(string principalId)
    {
        lock (_gate)
        {
            return _assignments.Any(a => a.PrincipalId.Equals(principalId, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The roles the principal holds at <paramref name="scope"/>: assigned there or at a scope above it.</summary>
    public IReadOnlyList<RoleDefinition> RolesAt(string principalId, string scope)
    {
        var target = "/" + scope.Trim('/');
        lock (_gate)
        {
            return _assignments
                .Where(a => a.PrincipalId.Equals(principalId, StringComparison.OrdinalIgnoreCase) && Covers(a.Scope, target))
                .Select(a => BuiltInRoles.Find(a.Role)!)
                .ToList();
        }
    }

    private static bool Covers(string assignedScope, string scope) =>
        scope.Equals(assignedScope, StringComparison.OrdinalIgnoreCase)
        || scope.StartsWith(assignedScope + "/", StringComparison.OrdinalIgnoreCase);
}

/// <summary>One assignment of a built-in role to a principal at a scope.</summary>
internal sealed record RoleAssignment(string Id, string PrincipalId, string Scope, string Role);

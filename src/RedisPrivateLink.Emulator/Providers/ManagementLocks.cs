using RedisPrivateLink.Emulator.Arm;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Management locks on resource groups (Microsoft.Authorization/locks, set here through the control plane only):
/// ReadOnly refuses every write and delete under the group, CanNotDelete only deletes, with ARM's 409 ScopeLocked:
/// "The scope '{scope}' cannot perform write operation because following scope(s) are locked: '{locked scope}'. Please
/// remove the lock and try again." (as Azure CLI prints it, e.g. in MicrosoftDocs/azure-docs' Automation
/// troubleshooting; "delete operation" for deletes). A ReadOnly lock refuses POST actions too (listKeys among them),
/// as Microsoft's lock documentation warns. Reads are never refused.
/// </summary>
internal sealed class ManagementLocks
{
    public const string ReadOnly = "ReadOnly";
    public const string CanNotDelete = "CanNotDelete";

    private readonly object _gate = new();
    private readonly Dictionary<string, string> _levelsByGroup = new(StringComparer.OrdinalIgnoreCase);

    public void Add(string resourceGroup, string level)
    {
        var known = new[] { ReadOnly, CanNotDelete }.FirstOrDefault(l => l.Equals(level, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Lock level '{level}' is not ReadOnly or CanNotDelete.");
        lock (_gate)
        {
            _levelsByGroup[resourceGroup] = known;
        }
    }

    /// <summary>Each locked resource group with its level, for the state file.</summary>
    public IReadOnlyDictionary<string, string> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<string, string>(_levelsByGroup, StringComparer.OrdinalIgnoreCase);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _levelsByGroup.Clear();
        }
    }

    public void RequireUnlocked(ArmRequest request)
    {
        var path = request.Path;
        if (request.Method is "GET" or "HEAD" || !path.Is(2, "resourcegroups") || path.Count < 4)
        {
            return;
        }

        string? level;
        lock (_gate)
        {
            _levelsByGroup.TryGetValue(path[3], out level);
        }

        var isDelete = request.Method == "DELETE";
        if (level == ReadOnly || (level == CanNotDelete && isDelete))
        {
            var lockedScope = $"/subscriptions/{path[1]}/resourceGroups/{path[3]}";
            throw new ArmException(409, "ScopeLocked",
                $"The scope '{path.Raw.TrimEnd('/')}' cannot perform {(isDelete ? "delete" : "write")} operation because following scope(s) are locked: '{lockedScope}'. Please remove the lock and try again.");
        }
    }
}

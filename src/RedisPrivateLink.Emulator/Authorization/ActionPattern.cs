namespace RedisPrivateLink.Emulator.Authorization;

/// <summary>
/// Azure RBAC's operation strings: case-insensitive, and '*' stands for any run of characters, slashes included
/// ("*", "Microsoft.Network/*", "*/read", "Microsoft.Authorization/*/Write"), as Microsoft's "Understand Azure role
/// definitions" describes wildcard permissions.
/// </summary>
internal static class ActionPattern
{
    public static bool Matches(string pattern, string action) => Matches(pattern.AsSpan(), action.AsSpan());

    private static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> action)
    {
        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return pattern.Equals(action, StringComparison.OrdinalIgnoreCase);
        }

        if (!action.StartsWith(pattern[..star], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = pattern[(star + 1)..];
        var remaining = action[star..];
        for (var skip = 0; skip <= remaining.Length; skip++)
        {
            if (Matches(rest, remaining[skip..]))
            {
                return true;
            }
        }

        return false;
    }
}

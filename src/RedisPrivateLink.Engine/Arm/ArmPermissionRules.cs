using System;
using System.Collections.Generic;
using System.Linq;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// Azure RBAC's evaluation of actions: operation strings are case-insensitive, '*' stands for any run of characters
/// (slashes included: "*", "Microsoft.Network/*", "*/read"), and an action is allowed when some permission block
/// (one role) has an action matching it and no notAction of the same block matching it. NotActions subtract within
/// their block only; another role may still grant the action.
/// </summary>
public static class ArmPermissionRules
{
    public static bool Allows(IEnumerable<PermissionBlock> blocks, string action) =>
        blocks.Any(block => Allows(block, action));

    public static bool Allows(PermissionBlock block, string action) =>
        (block.Actions ?? new List<string>()).Any(pattern => Matches(pattern, action))
        && !(block.NotActions ?? new List<string>()).Any(pattern => Matches(pattern, action));

    public static bool Matches(string pattern, string action)
    {
        if (pattern is null || action is null)
        {
            return false;
        }

        var star = pattern.IndexOf('*');
        if (star < 0)
        {
            return string.Equals(pattern, action, StringComparison.OrdinalIgnoreCase);
        }

        if (!action.StartsWith(pattern.Substring(0, star), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = pattern.Substring(star + 1);
        for (var start = star; start <= action.Length; start++)
        {
            if (Matches(rest, action.Substring(start)))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Collections.Generic;
using System.Linq;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// Azure built-in roles, narrowest first, with the actions Microsoft publishes for them (MicrosoftDocs/azure-docs,
/// articles/role-based-access-control/built-in-roles/networking.md, databases.md, general.md): what the module names
/// as the least-privilege role that would grant a missing action.
/// </summary>
public static class BuiltInRoles
{
    private static readonly (string Name, PermissionBlock Permissions)[] NarrowestFirst =
    {
        // A read (a spoke's network, a hub zone's record) needs no more than Reader.
        ("Reader", Block(new[] { "*/read" })),
        ("Private DNS Zone Contributor", Block(new[]
        {
            "Microsoft.Insights/alertRules/*", "Microsoft.Resources/deployments/*", "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Support/*", "Microsoft.Network/privateDnsZones/*", "Microsoft.Network/privateDnsOperationResults/*",
            "Microsoft.Network/privateDnsOperationStatuses/*", "Microsoft.Network/virtualNetworks/read",
            "Microsoft.Network/virtualNetworks/join/action", "Microsoft.Authorization/*/read",
        })),
        ("Redis Cache Contributor", Block(new[]
        {
            "Microsoft.Authorization/*/read", "Microsoft.Cache/register/action", "Microsoft.Cache/redis/*", "Microsoft.Insights/alertRules/*",
            "Microsoft.ResourceHealth/availabilityStatuses/read", "Microsoft.Resources/deployments/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*",
        })),
        ("Network Contributor", Block(new[]
        {
            "Microsoft.Authorization/*/read", "Microsoft.Insights/alertRules/*", "Microsoft.Network/*",
            "Microsoft.ResourceHealth/availabilityStatuses/read", "Microsoft.Resources/deployments/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Support/*",
        })),
        ("Contributor", new PermissionBlock
        {
            Actions = new List<string> { "*" },
            NotActions = new List<string>
            {
                "Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action",
                "Microsoft.Blueprint/blueprintAssignments/write", "Microsoft.Blueprint/blueprintAssignments/delete",
                "Microsoft.Compute/galleries/share/action", "Microsoft.Purview/consents/write", "Microsoft.Purview/consents/delete",
                "Microsoft.Resources/deploymentStacks/manageDenySetting/action", "Microsoft.Subscription/cancel/action",
                "Microsoft.Subscription/enable/action",
            },
        }),
    };

    /// <summary>The narrowest of these built-in roles that allows <paramref name="action"/>; Owner when none does.</summary>
    public static string NarrowestGranting(string action) =>
        NarrowestFirst.FirstOrDefault(role => ArmPermissionRules.Allows(role.Permissions, action)).Name ?? "Owner";

    private static PermissionBlock Block(string[] actions) => new() { Actions = actions.ToList(), NotActions = new List<string>() };
}

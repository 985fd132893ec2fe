namespace RedisPrivateLink.Emulator.Authorization;

/// <summary>
/// The Azure built-in roles the emulator knows, with their real actions and notActions as Microsoft publishes them
/// (MicrosoftDocs/azure-docs, articles/role-based-access-control/built-in-roles/general.md for Owner, Contributor and
/// Reader, networking.md for Network Contributor and Private DNS Zone Contributor, databases.md for Redis Cache
/// Contributor). Data actions are left out: the emulator serves no data plane.
/// </summary>
internal static class BuiltInRoles
{
    public static readonly IReadOnlyList<RoleDefinition> All =
    [
        new("Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", ["*"], []),
        new("Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c", ["*"],
        [
            "Microsoft.Authorization/*/Delete",
            "Microsoft.Authorization/*/Write",
            "Microsoft.Authorization/elevateAccess/Action",
            "Microsoft.Blueprint/blueprintAssignments/write",
            "Microsoft.Blueprint/blueprintAssignments/delete",
            "Microsoft.Compute/galleries/share/action",
            "Microsoft.Purview/consents/write",
            "Microsoft.Purview/consents/delete",
            "Microsoft.Resources/deploymentStacks/manageDenySetting/action",
            "Microsoft.Subscription/cancel/action",
            "Microsoft.Subscription/enable/action",
        ]),
        new("Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7", ["*/read"], []),
        new("Network Contributor", "4d97b98b-1d4f-4787-a291-c67834d212e7",
        [
            "Microsoft.Authorization/*/read",
            "Microsoft.Insights/alertRules/*",
            "Microsoft.Network/*",
            "Microsoft.ResourceHealth/availabilityStatuses/read",
            "Microsoft.Resources/deployments/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Support/*",
        ], []),
        new("Private DNS Zone Contributor", "b12aa53e-6015-4669-85d0-8515ebb3ae7f",
        [
            "Microsoft.Insights/alertRules/*",
            "Microsoft.Resources/deployments/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Support/*",
            "Microsoft.Network/privateDnsZones/*",
            "Microsoft.Network/privateDnsOperationResults/*",
            "Microsoft.Network/privateDnsOperationStatuses/*",
            "Microsoft.Network/virtualNetworks/read",
            "Microsoft.Network/virtualNetworks/join/action",
            "Microsoft.Authorization/*/read",
        ], []),
        new("Redis Cache Contributor", "e0f68234-74aa-48ed-b826-c38b57376e17",
        [
            "Microsoft.Authorization/*/read",
            "Microsoft.Cache/register/action",
            "Microsoft.Cache/redis/*",
            "Microsoft.Insights/alertRules/*",
            "Microsoft.ResourceHealth/availabilityStatuses/read",
            "Microsoft.Resources/deployments/*",
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Support/*",
        ], []),
    ];

    /// <summary>A role by its name or its id (the GUID, or a roleDefinitions id ending in it), case-insensitive.</summary>
    public static RoleDefinition? Find(string nameOrId)
    {
        var id = nameOrId.Split('/')[^1];
        return All.FirstOrDefault(role => role.Name.Equals(nameOrId, StringComparison.OrdinalIgnoreCase) || role.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>A role definition's one permission block: what it allows, less what it excludes.</summary>
internal sealed record RoleDefinition(string Name, string Id, IReadOnlyList<string> Actions, IReadOnlyList<string> NotActions)
{
    /// <summary>
    /// Azure's rule: an action is allowed when one of the role's actions matches it and none of the same role's
    /// notActions does. NotActions subtract within their role only; another role may still grant the action.
    /// </summary>
    public bool Allows(string action) =>
        Actions.Any(pattern => ActionPattern.Matches(pattern, action)) && !NotActions.Any(pattern => ActionPattern.Matches(pattern, action));
}

using System;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

/// <summary>Azure's evaluation of RBAC actions, the roles named for a missing one, and ARM's 403s read back.</summary>
public sealed class ArmPermissionTests
{
    [Theory]
    [InlineData("*", "Microsoft.Network/privateEndpoints/write", true)]
    [InlineData("Microsoft.Network/*", "Microsoft.Network/virtualNetworks/subnets/join/action", true)]
    [InlineData("*/read", "Microsoft.Cache/redis/read", true)]
    [InlineData("*/read", "Microsoft.Cache/redis/write", false)]
    [InlineData("microsoft.cache/REDIS/*", "Microsoft.Cache/redis/export/action", true)]
    [InlineData("Microsoft.Cache/redis/*", "Microsoft.Cache/redisEnterprise/write", false)]
    [InlineData("Microsoft.Authorization/*/Write", "Microsoft.Authorization/roleAssignments/write", true)]
    [InlineData("Microsoft.Network/privateDnsZones/*", "Microsoft.Network/privateDnsZonesX/write", false)]
    public void WildcardsMatchAsAzureEvaluatesThem(string pattern, string action, bool matches) =>
        Assert.Equal(matches, ArmPermissionRules.Matches(pattern, action));

    [Fact]
    public void NotActionsSubtractOnlyFromTheirOwnBlock()
    {
        var contributor = new PermissionBlock { Actions = ["*"], NotActions = ["Microsoft.Network/*"] };
        var network = new PermissionBlock { Actions = ["Microsoft.Network/privateEndpoints/*"], NotActions = [] };

        Assert.False(ArmPermissionRules.Allows([contributor], "Microsoft.Network/privateEndpoints/write"));
        Assert.True(ArmPermissionRules.Allows([contributor, network], "Microsoft.Network/privateEndpoints/write"));
        Assert.True(ArmPermissionRules.Allows([contributor], "Microsoft.Cache/redis/write"));
        Assert.False(ArmPermissionRules.Allows([], "Microsoft.Cache/redis/write"));
    }

    [Theory]
    [InlineData("Microsoft.Network/virtualNetworks/read", "Reader")]
    [InlineData("Microsoft.Network/privateDnsZones/A/read", "Reader")]
    [InlineData("Microsoft.Network/privateDnsZones/virtualNetworkLinks/write", "Private DNS Zone Contributor")]
    [InlineData("Microsoft.Network/virtualNetworks/join/action", "Private DNS Zone Contributor")]
    [InlineData("Microsoft.Network/privateEndpoints/write", "Network Contributor")]
    [InlineData("Microsoft.Cache/redis/write", "Redis Cache Contributor")]
    [InlineData("Microsoft.Cache/register/action", "Redis Cache Contributor")]
    [InlineData("Microsoft.Cache/redisEnterprise/write", "Contributor")]
    [InlineData("Microsoft.Resources/subscriptions/resourceGroups/write", "Contributor")]
    [InlineData("Microsoft.Authorization/roleAssignments/write", "Owner")]
    public void NamesTheNarrowestBuiltInRoleThatGrantsAnAction(string action, string role) =>
        Assert.Equal(role, BuiltInRoles.NarrowestGranting(action));

    [Fact]
    public void PermissionsOfAResourceGroupAreMicrosoftResourcesSubscriptionsResourceGroups()
    {
        var group = ResourceId.ForResourceGroup("11111111-1111-1111-1111-111111111111", "rg");
        var subnet = ResourceId.Parse("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s");

        Assert.Equal("Microsoft.Resources/subscriptions/resourceGroups/write", ArmPermission.Write(group).Action);
        Assert.Equal("Microsoft.Network/virtualNetworks/subnets/join/action", ArmPermission.Join(subnet).Action);
        Assert.Equal("Microsoft.Network/register/action on /subscriptions/11111111-1111-1111-1111-111111111111", ArmPermission.Register("11111111-1111-1111-1111-111111111111", "Microsoft.Network").ToString());
    }

    [Fact]
    public void AnAuthorizationFailedNamesTheActionAndScopeArmNamed()
    {
        const string Scope = "/subscriptions/225e02bc-43d0-43d1-a01a-17e584a4ef69/resourcegroups/aro-6hwuovvq/providers/Microsoft.Storage/storageAccounts/clusterixgbq";
        var error = new ArmException(403, new ArmError
        {
            Code = "AuthorizationFailed",
            Message = $"The client 'b9bc1545-a684-4e50-9a4d-2e2ee90bed6a' with object id 'b9bc1545-a684-4e50-9a4d-2e2ee90bed6a' does not have authorization to perform action 'Microsoft.Storage/storageAccounts/write' over scope '{Scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.",
        }, "PUT", Scope, null, null);

        Assert.Equal(new ArmPermission("Microsoft.Storage/storageAccounts/write", Scope), error.MissingPermission);
        Assert.StartsWith($"AuthorizationFailed: The credential may not perform 'Microsoft.Storage/storageAccounts/write' on '{Scope}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("the built-in role 'Contributor' does", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkedAuthorizationFailedNamesTheLinkedActionAndScope()
    {
        const string Route = "/subscriptions/s/resourceGroups/MC_rg/providers/Microsoft.Network/routeTables/aks-agentpool-27180469-routetable";
        var message = "The client '686f04b6-afa9-4466-a671-7b4ddd260118' with object id '686f04b6-afa9-4466-a671-7b4ddd260118' has permission to perform action 'Microsoft.Network/virtualNetworks/subnets/write' on scope '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/n'; " +
                      $"however, it does not have permission to perform action 'Microsoft.Network/routeTables/join/action' on the linked scope(s) '{Route}' or the linked scope(s) are invalid.";

        Assert.Equal(new ArmPermission("Microsoft.Network/routeTables/join/action", Route), AuthorizationFailure.MissingPermission("LinkedAuthorizationFailed", message));
        Assert.Null(AuthorizationFailure.MissingPermission("Conflict", message));
    }
}

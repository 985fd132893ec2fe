using System.Security;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>The permission check before a plan's first write, against the emulator's role assignments.</summary>
public sealed class PermissionCheckTests
{
    [Fact]
    public async Task RefusesBeforeAnyWriteNamingEachMissingActionItsScopeAndARoleThatGrantsIt()
    {
        string? connectionFile = null;
        await using var scenario = await WorkflowScenario.StartAsync(o => connectionFile = o.ConnectionFile);
        await scenario.CreateGroupAsync(WorkflowScenario.Group);
        var (token, principal) = await scenario.Control.ManagedIdentityTokenAsync(scenario.Azure);
        await scenario.Control.AssignRoleAsync(principal, scenario.GroupId().ToString(), "Reader");
        await scenario.Control.AssignRoleAsync(principal, scenario.GroupId().ToString(), "Redis Cache Contributor");
        using var narrow = await ConnectAsync(connectionFile!, token);
        var prepared = await NewPrivateCacheWorkflow.PrepareAsync(narrow, WorkflowScenario.NewCache(), CancellationToken.None);
        await scenario.Control.ClearRequestsAsync();

        var refused = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => new PermissionCheck(narrow.GetArmGateway()).RequireAsync(prepared.Plan.Describe(), CancellationToken.None));

        Assert.Equal(WorkflowErrorIds.InsufficientPermissions, refused.ErrorId);
        Assert.Contains($"'Microsoft.Network/virtualNetworks/write' on '{scenario.VnetId()}' (built-in role 'Network Contributor' grants it)", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"'Microsoft.Network/privateDnsZones/write' on '{scenario.ZoneId()}' (built-in role 'Private DNS Zone Contributor' grants it)", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"'Microsoft.Network/privateEndpoints/write' on '{scenario.EndpointId()}'", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"'Microsoft.Network/virtualNetworks/subnets/join/action' on '{scenario.SubnetId()}'", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.Cache/redis/write", refused.Message, StringComparison.Ordinal);
        var requests = await scenario.Control.RequestsAsync();
        Assert.DoesNotContain(requests, EmulatorControl.IsWrite);
        Assert.Single(requests, r => r.Path.Equals($"{scenario.GroupId()}/providers/Microsoft.Authorization/permissions", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PassesWithARoleThatGrantsEverythingAndReadsEachScopeOnce()
    {
        string? connectionFile = null;
        await using var scenario = await WorkflowScenario.StartAsync(o => connectionFile = o.ConnectionFile);
        await scenario.CreateGroupAsync(WorkflowScenario.Group);
        var (token, principal) = await scenario.Control.ManagedIdentityTokenAsync(scenario.Azure);
        await scenario.Control.AssignRoleAsync(principal, scenario.GroupId().ToString(), "Contributor");
        using var contributor = await ConnectAsync(connectionFile!, token);
        var check = new PermissionCheck(contributor.GetArmGateway());
        var first = await NewPrivateCacheWorkflow.PrepareAsync(contributor, WorkflowScenario.NewCache("cache1"), CancellationToken.None);
        var second = await NewPrivateCacheWorkflow.PrepareAsync(contributor, WorkflowScenario.NewCache("cache2"), CancellationToken.None);
        await scenario.Control.ClearRequestsAsync();

        await check.RequireAsync(first.Plan.Describe(), CancellationToken.None);
        await check.RequireAsync(second.Plan.Describe(), CancellationToken.None);

        Assert.Single(await scenario.Control.RequestsAsync());
    }

    [Fact]
    public async Task AGroupThePlanCreatesIsCheckedAtTheSubscription()
    {
        string? connectionFile = null;
        await using var scenario = await WorkflowScenario.StartAsync(o => connectionFile = o.ConnectionFile);
        var (token, principal) = await scenario.Control.ManagedIdentityTokenAsync(scenario.Azure);
        await scenario.Control.AssignRoleAsync(principal, $"/subscriptions/{scenario.Subscription}", "Reader");
        using var reader = await ConnectAsync(connectionFile!, token);
        var prepared = await NewPrivateCacheWorkflow.PrepareAsync(reader, WorkflowScenario.NewCache(), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => new PermissionCheck(reader.GetArmGateway()).RequireAsync(prepared.Plan.Describe(), CancellationToken.None));

        Assert.Contains($"'Microsoft.Resources/subscriptions/resourceGroups/write' on '{scenario.GroupId()}' (built-in role 'Contributor' grants it)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("'Microsoft.Cache/redis/write'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConvertNeedsTheTagsWriteThatRedisCacheNetworkAndDnsContributorsDoNotGrant()
    {
        string? connectionFile = null;
        await using var scenario = await WorkflowScenario.StartAsync(o => connectionFile = o.ConnectionFile);
        await ConvertArrangements.CreateSourceAsync(scenario);
        var prepared = await ConvertArrangements.PrepareAsync(scenario, ConvertArrangements.NewNameRequest(scenario));
        var (token, principal) = await scenario.Control.ManagedIdentityTokenAsync(scenario.Azure);
        foreach (var role in new[] { "Reader", "Redis Cache Contributor", "Network Contributor", "Private DNS Zone Contributor" })
        {
            await scenario.Control.AssignRoleAsync(principal, scenario.GroupId().ToString(), role);
        }

        using var narrow = await ConnectAsync(connectionFile!, token);
        var needed = PermissionCheck.Needed(prepared.Plan.Describe()).Select(p => p.ToString()).ToList();
        var refused = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => new PermissionCheck(narrow.GetArmGateway()).RequireAsync(prepared.Plan.Describe(), CancellationToken.None));

        var source = scenario.CacheId(ConvertArrangements.Source);
        var target = scenario.CacheId(ConvertArrangements.Target);
        Assert.Contains($"Microsoft.Cache/redis/export/action on {source}", needed);
        Assert.Contains($"Microsoft.Cache/redis/import/action on {target}", needed);
        Assert.Contains($"Microsoft.Cache/redis/delete on {source}", needed);
        Assert.Contains($"Microsoft.Cache/redis/firewallRules/write on {target}/firewallRules/office", needed);
        Assert.Equal(
            $"The credential lacks permissions this command needs, so nothing was changed: 'Microsoft.Resources/tags/write' on '{target}' (built-in role 'Contributor' grants it). " +
            "Ask an owner of those scopes to assign those roles to the identity (or a custom role with those actions), then run the command again.",
            refused.Message);
    }

    [Fact]
    public async Task PermissionsThatCannotBeReadDoNotBlock()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var prepared = await scenario.PrepareAsync(WorkflowScenario.NewCache());
        await scenario.Control.AddFaultAsync(new { method = "GET", pathPattern = "/providers/Microsoft.Authorization/permissions$", kind = "status", status = 403, code = "AuthorizationFailed", count = 10 });

        await new PermissionCheck(scenario.Arm).RequireAsync(prepared.Plan.Describe(), CancellationToken.None);
    }

    private static async Task<RedisPrivateLinkContext> ConnectAsync(string connectionFile, string token)
    {
        var secure = new SecureString();
        foreach (var c in token)
        {
            secure.AppendChar(c);
        }

        return await ContextFactory.ConnectAsync(new ConnectRequest { CredentialKind = CredentialKind.AccessToken, AccessToken = secure, EmulatorConnectionFile = connectionFile });
    }
}

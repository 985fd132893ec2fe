using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Authorization;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>Role assignments per principal, ARM's evaluation of each request against them, its 403 bodies, and the permissions endpoint.</summary>
public sealed class AuthorizationTests
{
    private const string PermissionsApi = "2022-04-01";

    [Theory]
    [InlineData("*", "Microsoft.Network/privateEndpoints/write", true)]
    [InlineData("Microsoft.Network/*", "Microsoft.Network/virtualNetworks/subnets/join/action", true)]
    [InlineData("*/read", "Microsoft.Cache/redis/read", true)]
    [InlineData("*/read", "Microsoft.Cache/redis/write", false)]
    [InlineData("microsoft.cache/REDIS/*", "Microsoft.Cache/redis/listKeys/action", true)]
    [InlineData("Microsoft.Cache/redis/*", "Microsoft.Cache/redisEnterprise/write", false)]
    [InlineData("Microsoft.Authorization/*/Write", "Microsoft.Authorization/roleAssignments/write", true)]
    [InlineData("Microsoft.Network/privateDnsZones/*", "Microsoft.Network/privateEndpoints/write", false)]
    public void WildcardsMatchAsAzureEvaluatesThem(string pattern, string action, bool matches) =>
        Assert.Equal(matches, ActionPattern.Matches(pattern, action));

    [Fact]
    public void NotActionsSubtractWithinTheirRoleOnly()
    {
        var contributor = BuiltInRoles.Find("Contributor")!;
        Assert.True(contributor.Allows("Microsoft.Network/privateEndpoints/write"));
        Assert.False(contributor.Allows("Microsoft.Authorization/roleAssignments/write"));
        Assert.True(BuiltInRoles.Find("Owner")!.Allows("Microsoft.Authorization/roleAssignments/write"));
        Assert.Equal("Redis Cache Contributor", BuiltInRoles.Find("/providers/Microsoft.Authorization/roleDefinitions/e0f68234-74aa-48ed-b826-c38b57376e17")!.Name);
    }

    [Fact]
    public async Task APrincipalWithoutAssignmentsIsNotEvaluatedAndOneWithThemIsRefusedWhatTheyDoNotGrant()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var (token, principal) = await ManagedIdentityAsync(emulator);
        using (var unrestricted = await SendAsync(emulator, token, HttpMethod.Put, $"{emulator.Group("rg")}?api-version={TestApiVersions.ResourceGroups}", new { location = "eastus" }))
        {
            Assert.Equal(HttpStatusCode.Created, unrestricted.StatusCode);
        }

        await AssignAsync(emulator, principal, emulator.Group("rg"), "Reader");
        var vnetId = emulator.VnetId("vnet1");
        using var refused = await SendAsync(emulator, token, HttpMethod.Put, Bodies.Network(vnetId), Bodies.Vnet("eastus", "10.1.0.0/16"));
        var message = await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "AuthorizationFailed");
        Assert.Equal(
            $"The client '{principal}' with object id '{principal}' does not have authorization to perform action 'Microsoft.Network/virtualNetworks/write' over scope '{vnetId}' or the scope is invalid. If access was recently granted, please refresh your credentials.",
            message);
        Assert.Equal("gateway", refused.Header("x-ms-failure-cause"));
        using (var read = await SendAsync(emulator, token, HttpMethod.Get, $"{emulator.Group("rg")}?api-version={TestApiVersions.ResourceGroups}"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await emulator.GetAsync(Bodies.Network(vnetId))).StatusCode);
        await AssignAsync(emulator, principal, emulator.Group("rg"), "Network Contributor");
        using var granted = await SendAsync(emulator, token, HttpMethod.Put, Bodies.Network(vnetId), Bodies.Vnet("eastus", "10.1.0.0/16"));
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
    }

    [Fact]
    public async Task POSTActionsAndSubscriptionActionsAreCheckedAsTheirActions()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        var (token, principal) = await ManagedIdentityAsync(emulator);
        await AssignAsync(emulator, principal, emulator.Group("rg"), "Redis Cache Contributor");

        using var register = await SendAsync(emulator, token, HttpMethod.Post, $"subscriptions/{emulator.Sub}/providers/Microsoft.Network/register?api-version={TestApiVersions.ResourceGroups}");
        Assert.Contains("'Microsoft.Network/register/action' over scope '/subscriptions/" + emulator.Sub + "'",
            await register.AssertErrorAsync(HttpStatusCode.Forbidden, "AuthorizationFailed"));
        using var tags = await SendAsync(emulator, token, HttpMethod.Put, $"{emulator.Group("rg")}/providers/Microsoft.Resources/tags/default?api-version={TestApiVersions.ResourceGroups}", new { properties = new { tags = new { a = "b" } } });
        Assert.Contains($"'Microsoft.Resources/tags/write' over scope '{emulator.Group("rg")}'", await tags.AssertErrorAsync(HttpStatusCode.Forbidden, "AuthorizationFailed"));
        using var listKeys = await SendAsync(emulator, token, HttpMethod.Post, Bodies.Redis($"{emulator.CacheId("missing")}/listKeys"));
        Assert.Equal("ResourceNotFound", await listKeys.ErrorCodeAsync());
    }

    [Fact]
    public async Task AnEndpointInASubnetTheCallerCannotJoinIsLinkedAuthorizationFailed()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        await emulator.CreateGroupAsync("rg-app");
        await emulator.PutOkAsync(Bodies.Network(emulator.VnetId("vnet1")), Bodies.Vnet("eastus", "10.1.0.0/16", ("endpoints", "10.1.1.0/24")));
        var (token, principal) = await ManagedIdentityAsync(emulator);
        await AssignAsync(emulator, principal, emulator.Group("rg-app"), "Network Contributor");
        await AssignAsync(emulator, principal, emulator.Group("rg"), "Reader");
        var endpointId = $"{emulator.Group("rg-app")}/providers/Microsoft.Network/privateEndpoints/pe1";
        var subnetId = emulator.SubnetId("vnet1", "endpoints");

        using var refused = await SendAsync(emulator, token, HttpMethod.Put, Bodies.Network(endpointId), Bodies.Endpoint(subnetId, emulator.CacheId("cache1")));

        Assert.Equal(
            $"The client '{principal}' with object id '{principal}' has permission to perform action 'Microsoft.Network/privateEndpoints/write' on scope '{endpointId}'; however, it does not have permission to perform action 'Microsoft.Network/virtualNetworks/subnets/join/action' on the linked scope(s) '{subnetId}' or the linked scope(s) are invalid.",
            await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "LinkedAuthorizationFailed"));
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.GetAsync(Bodies.Network(endpointId))).StatusCode);
    }

    [Fact]
    public async Task AZoneGroupNamingAZoneTheCallerCannotJoinIsLinkedAuthorizationFailed()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        var (token, principal) = await ManagedIdentityAsync(emulator);
        await AssignAsync(emulator, principal, emulator.EndpointId("pe1"), "Network Contributor");
        await AssignAsync(emulator, principal, emulator.Group("rg"), "Reader");

        using var refused = await SendAsync(emulator, token, HttpMethod.Put, Bodies.Network($"{emulator.EndpointId("pe1")}/privateDnsZoneGroups/default"), Bodies.ZoneGroup(emulator.ZoneId()));

        Assert.Contains($"does not have permission to perform action 'Microsoft.Network/privateDnsZones/join/action' on the linked scope(s) '{emulator.ZoneId()}'",
            await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "LinkedAuthorizationFailed"));
    }

    [Fact]
    public async Task PermissionsEndpointAnswersTheRolesHeldAtOrAboveTheScope()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        var (token, principal) = await ManagedIdentityAsync(emulator);
        await AssignAsync(emulator, principal, emulator.Group("rg"), "Network Contributor");
        await AssignAsync(emulator, principal, $"/subscriptions/{emulator.Sub}", "Reader");

        var group = await (await SendAsync(emulator, token, HttpMethod.Get, $"{emulator.Group("rg")}/providers/Microsoft.Authorization/permissions?api-version={PermissionsApi}")).JsonAsync();
        var subscription = await (await SendAsync(emulator, token, HttpMethod.Get, $"subscriptions/{emulator.Sub}/providers/Microsoft.Authorization/permissions?api-version={PermissionsApi}")).JsonAsync();
        var unrestricted = await (await emulator.GetAsync($"{emulator.Group("rg")}/providers/Microsoft.Authorization/permissions?api-version={PermissionsApi}")).JsonAsync();
        using var missingGroup = await SendAsync(emulator, token, HttpMethod.Get, $"{emulator.Group("rg-none")}/providers/Microsoft.Authorization/permissions?api-version={PermissionsApi}");

        var entries = group["value"]!.AsArray();
        Assert.Equal(2, entries.Count);
        Assert.Contains(entries, e => e!["actions"]!.AsArray().Any(a => (string)a! == "Microsoft.Network/*"));
        Assert.All(entries, e => Assert.Empty(e!["dataActions"]!.AsArray()));
        Assert.Equal("*/read", (string)subscription["value"]![0]!["actions"]![0]!);
        Assert.Single(subscription["value"]!.AsArray());
        Assert.Equal("*", (string)unrestricted["value"]![0]!["actions"]![0]!);
        Assert.Equal("ResourceGroupNotFound", await missingGroup.ErrorCodeAsync());
    }

    [Fact]
    public async Task ASubscriptionWideListShowsOnlyWhatTheCallerMayRead()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        await emulator.CreateGroupAsync("rg-other");
        await emulator.PutOkAsync(Bodies.Network(emulator.VnetId("vnet1")), Bodies.Vnet("eastus", "10.1.0.0/16"));
        await emulator.PutOkAsync(Bodies.Network($"{emulator.Group("rg-other")}/providers/Microsoft.Network/virtualNetworks/vnet2"), Bodies.Vnet("eastus", "10.2.0.0/16"));
        var (token, principal) = await ManagedIdentityAsync(emulator);
        await AssignAsync(emulator, principal, emulator.Group("rg"), "Reader");

        var listed = await (await SendAsync(emulator, token, HttpMethod.Get, $"subscriptions/{emulator.Sub}/providers/Microsoft.Network/virtualNetworks?api-version={TestApiVersions.NetworkNewer}")).JsonAsync();

        Assert.Equal("vnet1", (string)Assert.Single(listed["value"]!.AsArray())!["name"]!);
        Assert.Equal(2, (await (await emulator.GetAsync($"subscriptions/{emulator.Sub}/providers/Microsoft.Network/virtualNetworks?api-version={TestApiVersions.NetworkNewer}")).JsonAsync())["value"]!.AsArray().Count);
    }

    [Fact]
    public async Task ControlPlaneSetsListsAndRemovesAssignmentsAndResetEmptiesThem()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var principal = Guid.NewGuid().ToString();
        using var unknownRole = await PostControlAsync(emulator, new { principalId = principal, scope = emulator.Group("rg"), role = "Cache Wizard" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
        Assert.Equal("InvalidRoleAssignment", await unknownRole.ErrorCodeAsync());

        var id = await AssignAsync(emulator, principal, emulator.Group("rg"), "b24988ac-6180-42a0-ab88-20f7382dd24c");
        var listed = JsonNode.Parse(await (await emulator.Client.GetAsync("_emulator/roleAssignments")).Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal("Contributor", (string)listed.Single()!["role"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await emulator.Client.DeleteAsync($"_emulator/roleAssignments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await emulator.Client.DeleteAsync($"_emulator/roleAssignments/{id}")).StatusCode);

        await AssignAsync(emulator, principal, emulator.Group("rg"), "Reader");
        await emulator.Client.PostAsync("_emulator/reset", null);
        Assert.Equal("[]", await (await emulator.Client.GetAsync("_emulator/roleAssignments")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StateFileKeepsRoleAssignments()
    {
        var stateFile = Path.Combine(Path.GetTempPath(), $"emulator-state-{Guid.NewGuid():N}.json");
        var userAssigned = Guid.NewGuid().ToString();
        await using (var first = await TestEmulator.StartAsync(o => o.StateFile = stateFile))
        {
            await first.CreateGroupAsync("rg");
            var (_, principal) = await ManagedIdentityAsync(first, userAssigned);
            await AssignAsync(first, principal, first.Group("rg"), "Reader");
        }

        await using var second = await TestEmulator.StartAsync(o => o.StateFile = stateFile);
        var (token, _) = await ManagedIdentityAsync(second, userAssigned);
        using var refused = await SendAsync(second, token, HttpMethod.Put, Bodies.Network(second.VnetId("vnet1")), Bodies.Vnet("eastus", "10.1.0.0/16"));
        Assert.Equal("AuthorizationFailed", await refused.ErrorCodeAsync());
        File.Delete(stateFile);
    }

    /// <summary>A token of a managed identity (system-assigned, or the user-assigned one named) and its oid.</summary>
    private static async Task<(string Token, string ObjectId)> ManagedIdentityAsync(TestEmulator emulator, string? userAssignedClientId = null)
    {
        var info = emulator.Running.ConnectionInfo;
        var clientId = userAssignedClientId is null ? "" : $"&client_id={userAssignedClientId}";
        var request = new HttpRequestMessage(HttpMethod.Get, $"{info.IdentityEndpoint}?api-version=2019-08-01&resource=https://management.azure.com{clientId}");
        request.Headers.Add("X-IDENTITY-HEADER", info.IdentityHeader);
        var token = (string)(await (await emulator.Client.SendAsync(request)).JsonAsync())["access_token"]!;
        var identity = await (await emulator.Client.GetAsync("_emulator/identity")).JsonAsync();
        return (token, userAssignedClientId is null ? (string)identity["systemAssignedObjectId"]! : Identity.EntraDirectory.ObjectIdOf(userAssignedClientId));
    }

    private static async Task<string> AssignAsync(TestEmulator emulator, string principal, string scope, string role)
    {
        using var response = await PostControlAsync(emulator, new { principalId = principal, scope, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.JsonAsync())["id"]!;
    }

    private static Task<HttpResponseMessage> PostControlAsync(TestEmulator emulator, object body) =>
        emulator.Client.PostAsync("_emulator/roleAssignments", new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

    private static Task<HttpResponseMessage> SendAsync(TestEmulator emulator, string token, HttpMethod method, string pathAndQuery, object? body = null)
    {
        var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body is JsonNode node ? node.ToJsonString() : System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return emulator.Client.SendAsync(request);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>Azure Policy in the emulator: Deny assignments, checkPolicyRestrictions and the DeployIfNotExists zone group.</summary>
public sealed class PolicyTests
{
    [Fact]
    public async Task DenyOnTypeRefusesThePutWithArmsPolicyViolationBodyAndWritesNothing()
    {
        await using var emulator = await StartAsync();
        await AssignAsync(emulator, "deny-dns", new { displayName = "Deny private DNS zones", effect = "Deny", resourceType = "Microsoft.Network/privateDnsZones" });

        using var refused = await emulator.PutAsync(Bodies.Dns(emulator.ZoneId()), new { location = "global" });

        var message = await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "RequestDisallowedByPolicy");
        var assignmentId = $"/subscriptions/{emulator.Sub}/providers/Microsoft.Authorization/policyAssignments/deny-dns";
        Assert.Equal(
            $"Resource '{Bodies.Zone}' was disallowed by policy. Policy identifiers: '[{{\"policyAssignment\":{{\"name\":\"Deny private DNS zones\",\"id\":\"{assignmentId}\"}},\"policyDefinition\":{{\"name\":\"Deny private DNS zones\",\"id\":\"/subscriptions/{emulator.Sub}/providers/Microsoft.Authorization/policyDefinitions/deny-dns\"}}}}]'.",
            message);
        var error = (await refused.JsonAsync())["error"]!;
        Assert.Equal(Bodies.Zone, (string)error["target"]!);
        var info = Assert.Single(error["additionalInfo"]!.AsArray())!;
        Assert.Equal("PolicyViolation", (string)info["type"]!);
        Assert.Equal(assignmentId, (string)info["info"]!["policyAssignmentId"]!);
        Assert.Equal("Deny private DNS zones", (string)info["info"]!["policyAssignmentDisplayName"]!);
        Assert.Equal($"/subscriptions/{emulator.Sub}", (string)info["info"]!["policyAssignmentScope"]!);
        Assert.Equal("deny", (string)info["info"]!["policyDefinitionEffect"]!);
        using var missing = await emulator.GetAsync(Bodies.Dns(emulator.ZoneId()));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task DenyOnAPropertyValueJudgesAPatchOnTheResourceItWouldLeave()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Bodies.Redis(emulator.CacheId("cache1")), new { location = "eastus", properties = new { publicNetworkAccess = "Disabled" } });
        emulator.Clock.Advance(TimeSpan.FromHours(1));
        await AssignAsync(emulator, "public-off", new
        {
            displayName = "Azure Cache for Redis should disable public network access", effect = "Deny", resourceType = "Microsoft.Cache/redis",
            field = "properties.publicNetworkAccess", notEquals = "Disabled",
            policyDefinitionId = "/providers/Microsoft.Authorization/policyDefinitions/470baccb-7e51-4549-8b1a-3e5be069f663",
        });

        using var unrelated = await emulator.SendAsync(HttpMethod.Patch, Bodies.Redis(emulator.CacheId("cache1")), new { tags = new { team = "a" } });
        Assert.Equal(HttpStatusCode.Accepted, unrelated.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromHours(1));
        using var refused = await emulator.SendAsync(HttpMethod.Patch, Bodies.Redis(emulator.CacheId("cache1")), new { properties = new { publicNetworkAccess = "Enabled" } });

        await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "RequestDisallowedByPolicy");
        var expressions = (await refused.JsonAsync())["error"]!["additionalInfo"]![0]!["info"]!["evaluationDetails"]!["evaluatedExpressions"]!.AsArray();
        Assert.Equal("Enabled", (string)expressions[1]!["expressionValue"]!);
        Assert.Equal("NotEquals", (string)expressions[1]!["operator"]!);
        var cache = await (await emulator.GetAsync(Bodies.Redis(emulator.CacheId("cache1")))).JsonAsync();
        Assert.Equal("Disabled", (string)cache["properties"]!["publicNetworkAccess"]!);
    }

    [Fact]
    public async Task DenyOnAMissingTagAppliesOnlyInItsResourceGroup()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateGroupAsync("other");
        await AssignAsync(emulator, "tag", new { effect = "Deny", resourceType = "Microsoft.Network/privateDnsZones", requiredTag = "costCenter", scope = emulator.Group("rg") });

        using var untagged = await emulator.PutAsync(Bodies.Dns(emulator.ZoneId()), new { location = "global" });
        await untagged.AssertErrorAsync(HttpStatusCode.Forbidden, "RequestDisallowedByPolicy");
        await emulator.PutOkAsync(Bodies.Dns(emulator.ZoneId()), new { location = "global", tags = new { CostCenter = "42" } });
        await emulator.PutOkAsync(Bodies.Dns($"{emulator.Group("other")}/providers/Microsoft.Network/privateDnsZones/{Bodies.Zone}"), new { location = "global" });
    }

    [Fact]
    public async Task CheckPolicyRestrictionsReportsTheDenyAsNonCompliantAtTheScopesThatSeeIt()
    {
        await using var emulator = await StartAsync();
        await AssignAsync(emulator, "public-off", new { effect = "Deny", resourceType = "Microsoft.Cache/redis", field = "properties.publicNetworkAccess", equals = "Enabled", scope = emulator.Group("rg") });
        var content = new { resourceDetails = new { resourceContent = new { type = "Microsoft.Cache/redis", name = "cache1", properties = new { publicNetworkAccess = "Enabled" } }, apiVersion = TestApiVersions.Redis } };

        using var inGroup = await emulator.SendAsync(HttpMethod.Post, $"{emulator.Group("rg")}/providers/Microsoft.PolicyInsights/checkPolicyRestrictions?api-version=2022-03-01", content);
        using var atSubscription = await emulator.SendAsync(HttpMethod.Post, $"/subscriptions/{emulator.Sub}/providers/Microsoft.PolicyInsights/checkPolicyRestrictions?api-version=2022-03-01", content);
        using var missingGroup = await emulator.SendAsync(HttpMethod.Post, $"{emulator.Group("nope")}/providers/Microsoft.PolicyInsights/checkPolicyRestrictions?api-version=2022-03-01", content);

        var answer = await inGroup.JsonAsync();
        var evaluation = Assert.Single(answer["contentEvaluationResult"]!["policyEvaluations"]!.AsArray())!;
        Assert.Equal("NonCompliant", (string)evaluation["evaluationResult"]!);
        Assert.EndsWith("/policyAssignments/public-off", (string)evaluation["policyInfo"]!["policyAssignmentId"]!);
        var restriction = Assert.Single(answer["fieldRestrictions"]!.AsArray())!;
        Assert.Equal("properties.publicNetworkAccess", (string)restriction["field"]!);
        Assert.Equal("Deny", (string)restriction["restrictions"]![0]!["result"]!);
        Assert.Empty((await atSubscription.JsonAsync())["contentEvaluationResult"]!["policyEvaluations"]!.AsArray());
        await missingGroup.AssertErrorAsync(HttpStatusCode.NotFound, "ResourceGroupNotFound");
    }

    [Fact]
    public async Task DeployIfNotExistsAddsTheZoneGroupAndItsRecordOnlyAfterTheDelay()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Bodies.Network(emulator.VnetId("vnet")), Bodies.Vnet("eastus", "10.0.0.0/16", ("endpoints", "10.0.1.0/24")));
        await emulator.PutOkAsync(Bodies.Redis(emulator.CacheId("cache1")), new { location = "eastus" });
        await emulator.PutOkAsync(Bodies.Dns(emulator.ZoneId()), new { location = "global" });
        emulator.Clock.Advance(TimeSpan.FromHours(1));
        await AssignAsync(emulator, "dine", new { effect = "DeployIfNotExists", groupId = "redisCache", privateDnsZoneId = emulator.ZoneId(), delaySeconds = 120 });

        await emulator.PutOkAsync(Bodies.Network(emulator.EndpointId("pe1")), Bodies.Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.CacheId("cache1")));
        emulator.Clock.Advance(TimeSpan.FromSeconds(100));
        var groupPath = Bodies.Network($"{emulator.EndpointId("pe1")}/privateDnsZoneGroups/deployedByPolicy");
        using var notYet = await emulator.GetAsync(groupPath);
        Assert.Equal(HttpStatusCode.NotFound, notYet.StatusCode);

        emulator.Clock.Advance(TimeSpan.FromSeconds(120));
        var group = await (await emulator.GetAsync(groupPath)).JsonAsync();
        var config = Assert.Single(group["properties"]!["privateDnsZoneConfigs"]!.AsArray())!;
        Assert.Equal("privatelink-redis-cache-windows-net", (string)config["name"]!);
        Assert.Equal(emulator.ZoneId(), (string)config["properties"]!["privateDnsZoneId"]!);
        var record = await (await emulator.GetAsync(Bodies.Dns($"{emulator.ZoneId()}/A/cache1"))).JsonAsync();
        Assert.Equal("10.0.1.4", (string)record["properties"]!["aRecords"]![0]!["ipv4Address"]!);
    }

    [Fact]
    public async Task AssignmentsAreListedAndEmptiedByReset()
    {
        await using var emulator = await StartAsync();
        await AssignAsync(emulator, "deny-dns", new { effect = "Deny", resourceType = "Microsoft.Network/privateDnsZones" });
        using var bad = await emulator.PutAsync("/_emulator/policyAssignments/bad", new { effect = "Audit" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        using var reset = await emulator.SendAsync(HttpMethod.Post, "/_emulator/reset");
        using var list = await emulator.GetAsync("/_emulator/policyAssignments");

        Assert.Equal("[]", await list.Content.ReadAsStringAsync());
    }

    private static async Task<TestEmulator> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync(o => o.TimeScale = 1);
        await emulator.CreateGroupAsync("rg");
        return emulator;
    }

    private static async Task AssignAsync(TestEmulator emulator, string name, object assignment)
    {
        using var response = await emulator.PutAsync($"/_emulator/policyAssignments/{name}", assignment);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}

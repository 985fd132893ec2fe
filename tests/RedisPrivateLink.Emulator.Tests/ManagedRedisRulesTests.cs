using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.ManagedRedis;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>What the Managed Redis RP refuses in a cluster PUT or PATCH, before anything is stored.</summary>
public sealed class ManagedRedisRulesTests
{
    public static TheoryData<string, string, string> BadClusters => new()
    {
        { "unknown SKU", """{"location":"eastus","sku":{"name":"Balanced_B2"},"properties":{"publicNetworkAccess":"Disabled"}}""", "sku.name" },
        { "no SKU", """{"location":"eastus","properties":{"publicNetworkAccess":"Disabled"}}""", "sku.name" },
        { "classic SKU", """{"location":"eastus","sku":{"name":"Premium"},"properties":{"publicNetworkAccess":"Disabled"}}""", "sku.name" },
        { "capacity on a new family", """{"location":"eastus","sku":{"name":"Balanced_B1","capacity":2},"properties":{"publicNetworkAccess":"Disabled"}}""", "sku.capacity" },
        { "publicNetworkAccess missing", """{"location":"eastus","sku":{"name":"Balanced_B1"},"properties":{}}""", "properties.publicNetworkAccess" },
        { "publicNetworkAccess null", """{"location":"eastus","sku":{"name":"Balanced_B1"},"properties":{"publicNetworkAccess":null}}""", "properties.publicNetworkAccess" },
        { "publicNetworkAccess SecuredByPerimeter", """{"location":"eastus","sku":{"name":"Balanced_B1"},"properties":{"publicNetworkAccess":"SecuredByPerimeter"}}""", "properties.publicNetworkAccess" },
        { "TLS 1.0", """{"location":"eastus","sku":{"name":"Balanced_B1"},"properties":{"publicNetworkAccess":"Disabled","minimumTlsVersion":"1.0"}}""", "properties.minimumTlsVersion" },
        { "highAvailability On", """{"location":"eastus","sku":{"name":"Balanced_B1"},"properties":{"publicNetworkAccess":"Disabled","highAvailability":"On"}}""", "properties.highAvailability" },
    };

    [Theory]
    [MemberData(nameof(BadClusters))]
    public async Task BadClustersAreRefusedWithTheFieldNamed(string why, string body, string parameter)
    {
        await using var emulator = await StartAsync();

        using var refused = await emulator.PutAsync(Amr(emulator.ClusterId("amr1")), JsonNode.Parse(body)!);

        var message = await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody");
        Assert.True(message.Contains($"'{parameter}'", StringComparison.Ordinal), $"{why}: {message}");
        using var missing = await emulator.GetAsync(Amr(emulator.ClusterId("amr1")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task ZonesOnAManagedRedisSkuAreRefusedWithAzuresText()
    {
        await using var emulator = await StartAsync();

        using var refused = await emulator.PutAsync(Amr(emulator.ClusterId("amr1")), JsonNode.Parse(
            """{"location":"eastus","sku":{"name":"MemoryOptimized_M10"},"zones":["1","2"],"properties":{"publicNetworkAccess":"Disabled"}}""")!);

        // langchain-ai/terraform#107, 2025-07-01.
        Assert.Equal(
            "Specifying zones for SKU 'MemoryOptimized_M10' is not supported. Zone redundancy is enabled by default for this SKU in regions with zones.",
            await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));
    }

    [Theory]
    [InlineData("eastus", "ZR")]
    [InlineData("centralindia", "ZR")]
    [InlineData("westus", "LR")]
    public async Task A_cluster_is_zone_redundant_only_where_the_region_has_zones(string location, string redundancy)
    {
        await using var emulator = await StartAsync();

        using var created = await emulator.PutAsync(Amr(emulator.ClusterId("amr1")), new JsonObject
        {
            ["location"] = location,
            ["sku"] = new JsonObject { ["name"] = "Balanced_B1" },
            ["properties"] = new JsonObject { ["publicNetworkAccess"] = "Disabled" },
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(redundancy, (string)(await created.JsonAsync())["properties"]!["redundancyMode"]!);
    }

    [Theory]
    [InlineData("-amr")]
    [InlineData("amr-")]
    [InlineData("a--b")]
    [InlineData("a_b")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901")]
    public async Task NamesOutsideTheSpecPatternAreRefused(string name)
    {
        await using var emulator = await StartAsync();

        using var refused = await emulator.PutAsync(Amr(emulator.ClusterId(name)), Cluster());

        Assert.Contains("1 to 60 characters", await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));
    }

    [Fact]
    public async Task ASixtyCharacterNameIsFine()
    {
        await using var emulator = await StartAsync();

        using var created = await emulator.PutAsync(Amr(emulator.ClusterId(new string('a', 59) + "1")), Cluster());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task LegacyEnterpriseClustersTakeCapacityAndZonesAndLiveUnderTheirOwnHostName()
    {
        await using var emulator = await StartAsync();
        var body = Cluster("EnterpriseFlash_F300", location: "West US");
        body["sku"]!["capacity"] = 3;
        body["zones"] = new JsonArray("1", "2", "3");

        using var created = await emulator.PutAsync(Amr(emulator.ClusterId("legacy1")), body);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var cluster = await created.JsonAsync();
        Assert.Equal("v1", (string)cluster["kind"]!);
        Assert.Equal(3, (int)cluster["sku"]!["capacity"]!);
        Assert.Equal("legacy1.westus.redisenterprise.cache.azure.net", cluster.Text("hostName"));
        Assert.Equal("West US", (string)cluster["location"]!);
    }

    [Fact]
    public async Task RefusingClassicCreatesAlsoRefusesNewEnterpriseClustersButNotManagedRedis()
    {
        await using var emulator = await StartAsync(refuseClassic: true);

        using var legacy = await emulator.PutAsync(Amr(emulator.ClusterId("legacy1")), Cluster("Enterprise_E10"));
        var message = await legacy.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest");
        Assert.Equal("Creation of new Azure Cache for Redis Enterprise resources is no longer supported. Azure Cache for Redis " +
                     "Enterprise is retiring, please create Azure Managed Redis instead.", message);

        using var managed = await emulator.PutAsync(Amr(emulator.ClusterId("amr1")), Cluster("ComputeOptimized_X3"));
        Assert.Equal(HttpStatusCode.Created, managed.StatusCode);
    }

    [Fact]
    public async Task APatchCannotSetPublicNetworkAccessBackToNullOrToAnotherValue()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Amr(emulator.ClusterId("amr1")), Cluster());
        emulator.Clock.Advance(TimeSpan.FromMinutes(30));

        using var toNull = await emulator.SendAsync(HttpMethod.Patch, Amr(emulator.ClusterId("amr1")),
            JsonNode.Parse("""{"properties":{"publicNetworkAccess":null}}""")!);
        using var toOther = await emulator.SendAsync(HttpMethod.Patch, Amr(emulator.ClusterId("amr1")),
            new { properties = new { publicNetworkAccess = "Open" } });
        using var capacity = await emulator.SendAsync(HttpMethod.Patch, Amr(emulator.ClusterId("amr1")),
            new { sku = new { name = "Balanced_B3", capacity = 2 } });

        Assert.Contains("'properties.publicNetworkAccess'", await toNull.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));
        Assert.Contains("'properties.publicNetworkAccess'", await toOther.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));
        Assert.Contains("'sku.capacity'", await capacity.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));
        var cluster = await emulator.GetOkAsync(Amr(emulator.ClusterId("amr1")));
        Assert.Equal("Disabled", cluster.Text("publicNetworkAccess"));
        Assert.Equal("Running", cluster.Text("resourceState"));
    }

    private static async Task<TestEmulator> StartAsync(bool refuseClassic = false)
    {
        var emulator = await TestEmulator.StartAsync(o => o.RefuseClassicCreate = refuseClassic);
        await emulator.CreateGroupAsync("rg");
        return emulator;
    }
}

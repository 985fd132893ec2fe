using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>Geo-replication as linked servers: Premium on both sides, a Redis operation, and a link back on the other cache.</summary>
public sealed class LinkedServerTests
{
    [Fact]
    public async Task LinkingRunsAsAnOperationThenBothCachesAreGeoReplicated()
    {
        await using var emulator = await StartAsync();

        using var created = await emulator.PutAsync(Redis(Link(emulator, "primary", "secondary")), LinkTo(emulator, "secondary"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal("primary/secondary", (string)body["name"]!);
        Assert.Equal("Microsoft.Cache/Redis/linkedServers", (string)body["type"]!);
        Assert.Equal("Creating", (string)body["properties"]!["provisioningState"]!);
        Assert.Equal($"{emulator.Group("rg")}/providers/Microsoft.Cache/Redis/secondary", (string)body["properties"]!["linkedRedisCacheId"]!);
        var operation = created.Header("Azure-AsyncOperation")!;
        Assert.Contains("/asyncOperations/", operation);
        Assert.Empty(await LinkedServerIdsAsync(emulator, "secondary"));

        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("Succeeded", (string)(await (await emulator.FollowAsync(operation)).JsonAsync())["status"]!);
        Assert.Equal([$"{emulator.Group("rg")}/providers/Microsoft.Cache/Redis/primary/linkedServers/secondary"], await LinkedServerIdsAsync(emulator, "primary"));
        Assert.Equal([$"{emulator.Group("rg")}/providers/Microsoft.Cache/Redis/secondary/linkedServers/primary"], await LinkedServerIdsAsync(emulator, "secondary"));
        var back = await (await emulator.GetAsync(Redis(Link(emulator, "secondary", "primary")))).JsonAsync();
        Assert.Equal("Primary", (string)back["properties"]!["serverRole"]!);
        Assert.Equal("East US", (string)back["properties"]!["linkedRedisCacheLocation"]!);
        var list = await (await emulator.GetAsync(Redis($"{emulator.CacheId("primary")}/linkedServers"))).JsonAsync();
        Assert.Equal("Succeeded", (string)list["value"]![0]!["properties"]!["provisioningState"]!);
    }

    [Fact]
    public async Task UnlinkingRemovesTheLinkOnBothCaches()
    {
        await using var emulator = await StartAsync();
        await LinkAsync(emulator);

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Redis(Link(emulator, "primary", "secondary")));

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Empty(await LinkedServerIdsAsync(emulator, "primary"));
        Assert.Empty(await LinkedServerIdsAsync(emulator, "secondary"));
    }

    [Fact]
    public async Task DeletingALinkedCacheUnlinksTheOther()
    {
        await using var emulator = await StartAsync();
        await LinkAsync(emulator);

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Redis(emulator.CacheId("primary")));
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));

        using var link = await emulator.GetAsync(Redis(Link(emulator, "primary", "secondary")));
        Assert.Equal(HttpStatusCode.NotFound, link.StatusCode);
        Assert.Empty(await LinkedServerIdsAsync(emulator, "secondary"));
    }

    [Fact]
    public async Task BothCachesMustBePremiumAndTheLinkMustBeComplete()
    {
        await using var emulator = await StartAsync();

        using var toStandard = await emulator.PutAsync(Redis(Link(emulator, "primary", "standard")), LinkTo(emulator, "standard"));
        Assert.StartsWith("Geo-replication is not allowed on 'Standard' cache instances: cache 'standard' must be Premium.",
            await toStandard.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest"));
        using var fromStandard = await emulator.PutAsync(Redis(Link(emulator, "standard", "secondary")), LinkTo(emulator, "secondary"));
        await fromStandard.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest");

        using var missing = await emulator.PutAsync(Redis(Link(emulator, "primary", "nothere")), LinkTo(emulator, "nothere"));
        Assert.StartsWith("The value of the parameter 'properties.linkedRedisCacheId' is invalid.",
            await missing.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));
        using var itself = await emulator.PutAsync(Redis(Link(emulator, "primary", "primary")), LinkTo(emulator, "primary"));
        await itself.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody");
        var badRole = LinkTo(emulator, "secondary");
        badRole["properties"]!["serverRole"] = "Tertiary";
        using var role = await emulator.PutAsync(Redis(Link(emulator, "primary", "secondary")), badRole);
        Assert.StartsWith("The value of the parameter 'properties.serverRole' is invalid.",
            await role.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));

        Assert.Empty(await LinkedServerIdsAsync(emulator, "primary"));
    }

    private static async Task LinkAsync(TestEmulator emulator)
    {
        await emulator.PutOkAsync(Redis(Link(emulator, "primary", "secondary")), LinkTo(emulator, "secondary"));
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Single(await LinkedServerIdsAsync(emulator, "secondary"));
    }

    private static string Link(TestEmulator emulator, string cache, string linked) => $"{emulator.CacheId(cache)}/linkedServers/{linked}";

    private static JsonObject LinkTo(TestEmulator emulator, string linked) => new()
    {
        ["properties"] = new JsonObject
        {
            ["linkedRedisCacheId"] = emulator.CacheId(linked),
            ["linkedRedisCacheLocation"] = "West US",
            ["serverRole"] = "Secondary",
        },
    };

    private static async Task<List<string>> LinkedServerIdsAsync(TestEmulator emulator, string cache)
    {
        var body = await (await emulator.GetAsync(Redis(emulator.CacheId(cache)))).JsonAsync();
        return body["properties"]!["linkedServers"]!.AsArray().Select(l => (string)l!["id"]!).ToList();
    }

    /// <summary>Premium caches in East US and West US and a Standard one, provisioned; the clock then drives the links.</summary>
    private static async Task<TestEmulator> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        var premium = new JsonObject { ["name"] = "Premium", ["family"] = "P", ["capacity"] = 1 };
        await emulator.PutOkAsync(Redis(emulator.CacheId("primary")), new JsonObject { ["location"] = "eastus", ["properties"] = new JsonObject { ["sku"] = premium.DeepClone() } });
        await emulator.PutOkAsync(Redis(emulator.CacheId("secondary")), new JsonObject { ["location"] = "westus", ["properties"] = new JsonObject { ["sku"] = premium.DeepClone() } });
        await emulator.PutOkAsync(Redis(emulator.CacheId("standard")), new { location = "eastus" });
        emulator.Clock.Advance(TimeSpan.FromMinutes(20));
        return emulator;
    }
}

using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>Scaling a cache by PATCH: up one tier at a time, never down; any valid size; clustering only on Premium.</summary>
public sealed class ScaleRulesTests
{
    [Theory]
    [InlineData("Basic", "C", 1, "Standard", "C", 1)]
    [InlineData("Standard", "C", 1, "Premium", "P", 1)]
    [InlineData("Standard", "C", 1, "Standard", "C", 3)]
    [InlineData("Premium", "P", 1, "Premium", "P", 4)]
    public async Task UpOneTierOrAnotherSizeIsAccepted(string fromName, string fromFamily, int fromCapacity, string toName, string toFamily, int toCapacity)
    {
        await using var emulator = await StartAsync(fromName, fromFamily, fromCapacity);

        using var scaled = await PatchSkuAsync(emulator, toName, toFamily, toCapacity);

        Assert.Equal(HttpStatusCode.Accepted, scaled.StatusCode);
        var sku = (await (await emulator.GetAsync(Redis(emulator.CacheId("cache1")))).JsonAsync())["properties"]!["sku"]!;
        Assert.Equal((toName, toFamily, toCapacity), ((string)sku["name"]!, (string)sku["family"]!, (int)sku["capacity"]!));
    }

    [Theory]
    [InlineData("Premium", "P", "Standard", "C")]
    [InlineData("Premium", "P", "Basic", "C")]
    [InlineData("Standard", "C", "Basic", "C")]
    [InlineData("Basic", "C", "Premium", "P")]
    public async Task DownOrTwoTiersAtOnceIsRefused(string fromName, string fromFamily, string toName, string toFamily)
    {
        await using var emulator = await StartAsync(fromName, fromFamily, 1);

        using var scaled = await PatchSkuAsync(emulator, toName, toFamily, 1);

        var message = await scaled.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest");
        Assert.StartsWith($"Scaling a cache from the '{fromName}' tier to the '{toName}' tier is not supported.", message);
        var sku = (await (await emulator.GetAsync(Redis(emulator.CacheId("cache1")))).JsonAsync())["properties"]!["sku"]!;
        Assert.Equal(fromName, (string)sku["name"]!);
    }

    [Fact]
    public async Task ShardCountChangesArePremiumOnly()
    {
        await using var standard = await StartAsync("Standard", "C", 1);
        using var refused = await PatchAsync(standard, new JsonObject { ["shardCount"] = 2 });
        Assert.StartsWith("The value of the parameter 'properties.shardCount' is invalid.",
            await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));

        await using var premium = await StartAsync("Premium", "P", 1);
        using var clustered = await PatchAsync(premium, new JsonObject { ["shardCount"] = 3 });
        Assert.Equal(HttpStatusCode.Accepted, clustered.StatusCode);
        var properties = (await (await premium.GetAsync(Redis(premium.CacheId("cache1")))).JsonAsync())["properties"]!;
        Assert.Equal(3, (int)properties["shardCount"]!);
    }

    private static Task<HttpResponseMessage> PatchSkuAsync(TestEmulator emulator, string name, string family, int capacity) =>
        PatchAsync(emulator, new JsonObject { ["sku"] = new JsonObject { ["name"] = name, ["family"] = family, ["capacity"] = capacity } });

    private static Task<HttpResponseMessage> PatchAsync(TestEmulator emulator, JsonObject properties) =>
        emulator.SendAsync(HttpMethod.Patch, Redis(emulator.CacheId("cache1")), new JsonObject { ["properties"] = properties });

    /// <summary>A provisioned cache of the given SKU; with no time scale the PATCH has applied by the next read.</summary>
    private static async Task<TestEmulator> StartAsync(string name, string family, int capacity)
    {
        var emulator = await TestEmulator.StartAsync(o => o.TimeScale = 0);
        await emulator.CreateGroupAsync("rg");
        await emulator.PutOkAsync(Redis(emulator.CacheId("cache1")), new { location = "eastus", properties = new { sku = new { name, family, capacity } } });
        return emulator;
    }
}

using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>What the Redis RP refuses in a cache PUT: names, SKUs, Premium-only features, and (when asked) every new cache.</summary>
public sealed class RedisRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("cache-1")]
    [InlineData("A1b2")]
    [InlineData("x23456789012345678901234567890123456789012345678901234567890123")]
    public async Task ValidNamesAreAccepted(string name)
    {
        await using var emulator = await StartAsync();

        using var response = await emulator.PutAsync(Redis(emulator.CacheId(name)), new { location = "eastus" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("-cache")]
    [InlineData("cache-")]
    [InlineData("ca--che")]
    [InlineData("ca_che")]
    [InlineData("x234567890123456789012345678901234567890123456789012345678901234")]
    public async Task InvalidNamesAreRefusedWithTheRequestId(string name)
    {
        await using var emulator = await StartAsync();

        using var response = await emulator.PutAsync(Redis(emulator.CacheId(name)), new { location = "eastus" });

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody");
        Assert.StartsWith("The value of the parameter 'name' is invalid.", message);
        Assert.Matches("\r\nRequestID=[0-9a-f-]{36}$", message);
    }

    [Theory]
    [InlineData("Basic", "C", 0, null)]
    [InlineData("Standard", "C", 6, null)]
    [InlineData("Premium", "P", 1, null)]
    [InlineData("Premium", "P", 5, null)]
    [InlineData("Basic", "P", 1, "sku.family")]
    [InlineData("Premium", "C", 1, "sku.family")]
    [InlineData("Standard", "C", 7, "sku.capacity")]
    [InlineData("Premium", "P", 0, "sku.capacity")]
    [InlineData("Premium", "P", 6, "sku.capacity")]
    [InlineData("Gold", "C", 1, "sku.name")]
    public async Task SkuFamilyAndCapacityMustMatch(string name, string family, int capacity, string? invalidParameter)
    {
        await using var emulator = await StartAsync();

        using var response = await emulator.PutAsync(Redis(emulator.CacheId("cache1")),
            new { location = "eastus", properties = new { sku = new { name, family, capacity } } });

        if (invalidParameter is null)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return;
        }

        var message = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody");
        Assert.StartsWith($"The value of the parameter '{invalidParameter}' is invalid.", message);
        using var missing = await emulator.GetAsync(Redis(emulator.CacheId("cache1")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task VnetInjectionClusteringAndPersistenceArePremiumOnly()
    {
        await using var emulator = await StartAsync();
        var standard = new JsonObject { ["name"] = "Standard", ["family"] = "C", ["capacity"] = 1 };

        using var injected = await PutCacheAsync(emulator, standard, new JsonObject { ["subnetId"] = emulator.SubnetId("vnet", "cache") });
        Assert.StartsWith("The value of the parameter 'properties.subnetId' is invalid.",
            await injected.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));
        using var clustered = await PutCacheAsync(emulator, standard, new JsonObject { ["shardCount"] = 2 });
        Assert.StartsWith("The value of the parameter 'properties.shardCount' is invalid.",
            await clustered.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));
        using var persisted = await PutCacheAsync(emulator, standard,
            new JsonObject { ["redisConfiguration"] = new JsonObject { ["rdb-backup-enabled"] = "true" } });
        Assert.StartsWith("The setting 'rdb-backup-enabled' is not allowed on 'Standard' cache instances.",
            await persisted.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest"));

        var premium = new JsonObject { ["name"] = "Premium", ["family"] = "P", ["capacity"] = 1 };
        using var all = await PutCacheAsync(emulator, premium, new JsonObject
        {
            ["subnetId"] = emulator.SubnetId("vnet", "cache"),
            ["shardCount"] = 2,
            ["redisConfiguration"] = new JsonObject { ["aof-backup-enabled"] = "true" },
        });
        Assert.Equal(HttpStatusCode.Created, all.StatusCode);
        using var missingSubnet = await PutCacheAsync(emulator, premium, new JsonObject { ["subnetId"] = emulator.SubnetId("vnet", "ghost") }, "cache2");
        await missingSubnet.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody");
    }

    [Fact]
    public async Task APatchIsCheckedAgainstTheCacheItWouldLeave()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Redis(emulator.CacheId("cache1")), new
        {
            location = "eastus",
            properties = new { sku = new { name = "Premium", family = "P", capacity = 1 }, subnetId = emulator.SubnetId("vnet", "cache") },
        });

        using var tooBig = await emulator.SendAsync(HttpMethod.Patch, Redis(emulator.CacheId("cache1")), new { properties = new { sku = new { capacity = 6 } } });
        await tooBig.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody");
        using var toStandard = await emulator.SendAsync(HttpMethod.Patch, Redis(emulator.CacheId("cache1")),
            new { properties = new { sku = new { name = "Standard", family = "C" } } });
        Assert.StartsWith("Scaling a cache from the 'Premium' tier to the 'Standard' tier is not supported.",
            await toStandard.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest"));

        using var scaled = await emulator.SendAsync(HttpMethod.Patch, Redis(emulator.CacheId("cache1")), new { properties = new { sku = new { capacity = 2 } } });
        Assert.Equal(HttpStatusCode.Accepted, scaled.StatusCode);
    }

    [Fact]
    public async Task ZonesAreNotForBasic()
    {
        await using var emulator = await StartAsync();

        using var basic = await emulator.PutAsync(Redis(emulator.CacheId("cache1")), new
        {
            location = "eastus",
            zones = new[] { "1" },
            properties = new { sku = new { name = "Basic", family = "C", capacity = 1 } },
        });
        Assert.StartsWith("The value of the parameter 'zones' is invalid.", await basic.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));

        using var standard = await emulator.PutAsync(Redis(emulator.CacheId("cache1")), new
        {
            location = "eastus",
            zones = new[] { "1", "2" },
            properties = new { sku = new { name = "Standard", family = "C", capacity = 1 } },
        });
        Assert.Equal(HttpStatusCode.Created, standard.StatusCode);
    }

    [Fact]
    public async Task RefusingClassicCreatesAnswersTheRetirementButKeepsExistingCachesWritable()
    {
        var stateFile = Path.Combine(Path.GetTempPath(), $"emulator-retire-{Guid.NewGuid():N}.json");
        await using (var before = await TestEmulator.StartAsync(o => (o.TimeScale, o.StateFile) = (0, stateFile)))
        {
            await before.CreateGroupAsync("rg");
            await before.PutOkAsync(Redis(before.CacheId("existing")), new { location = "eastus" });
        }

        await using var emulator = await TestEmulator.StartAsync(o => (o.TimeScale, o.StateFile, o.RefuseClassicCreate) = (0, stateFile, true));
        using var created = await emulator.PutAsync(Redis(emulator.CacheId("newcache")), new { location = "eastus" });
        var message = await created.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest");
        Assert.StartsWith("Azure Cache for Redis is retiring, create Azure Managed Redis instance instead. " +
                          "https://aka.ms/AzureCacheForRedisRetirement", message);

        using var updated = await emulator.PutAsync(Redis(emulator.CacheId("existing")), new { location = "eastus", tags = new { a = "b" } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        File.Delete(stateFile);
    }

    private static Task<HttpResponseMessage> PutCacheAsync(TestEmulator emulator, JsonObject sku, JsonObject properties, string name = "cache1")
    {
        properties["sku"] = sku.DeepClone();
        return emulator.PutAsync(Redis(emulator.CacheId(name)), new JsonObject { ["location"] = "eastus", ["properties"] = properties });
    }

    private static async Task<TestEmulator> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync(o => o.TimeScale = 0);
        await emulator.CreateGroupAsync("rg");
        await emulator.PutOkAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("cache", "10.0.0.0/24")));
        return emulator;
    }
}

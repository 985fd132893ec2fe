using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>Microsoft.Cache/redis as recorded: 201 Creating, asyncOperations polls with nulls, PATCH 202 with old values.</summary>
public sealed class RedisTests
{
    private static readonly object CreateBody = new
    {
        location = "eastus",
        properties = new { sku = new { name = "Premium", family = "P", capacity = 1 }, minimumTlsVersion = "1.2" },
    };

    [Fact]
    public async Task CreateAnswers201CreatingAndIsPolledOnTheAsyncOperation()
    {
        await using var emulator = await StartWithGroupAsync();

        using var created = await emulator.PutAsync(CachePath(emulator, "cache1"), CreateBody);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Null(created.Header("Retry-After"));
        var body = await created.JsonAsync();
        Assert.Equal("Creating", (string)body["properties"]!["provisioningState"]!);
        Assert.Equal($"{emulator.Group("rg")}/providers/Microsoft.Cache/Redis/cache1", (string)body["id"]!);
        Assert.Equal("Microsoft.Cache/Redis", (string)body["type"]!);
        Assert.Equal("East US", (string)body["location"]!);
        Assert.NotNull(body["properties"]!["accessKeys"]!["primaryKey"]);
        var operation = created.Header("Azure-AsyncOperation")!;
        Assert.Contains($"/subscriptions/{emulator.Sub}/providers/Microsoft.Cache/locations/East%20US/asyncOperations/", operation);
        Assert.Matches($"\\?api-version={TestApiVersions.Redis}&t=[0-9]+&c=[A-Za-z0-9_-]{{2000,}}&s=[A-Za-z0-9_-]{{300,}}&h=[A-Za-z0-9_-]{{43}}$", operation);
        Assert.EndsWith($"{emulator.Group("rg")}/providers/Microsoft.Cache/Redis/cache1?api-version=2024-11-01", created.Header("Location"));

        var polled = await (await emulator.FollowAsync(operation)).JsonAsync();
        Assert.Equal("InProgress", (string)polled["status"]!);
        foreach (var nullField in new[] { "startTime", "endTime", "percentComplete", "properties", "error" })
        {
            Assert.True(polled.ContainsKey(nullField) && polled[nullField] is null, nullField);
        }

        emulator.Clock.Advance(TimeSpan.FromMinutes(19));
        Assert.Equal("Creating", (string)(await GetCacheAsync(emulator, "cache1"))["properties"]!["provisioningState"]!);

        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        var finished = await (await emulator.FollowAsync(operation)).JsonAsync();
        Assert.Equal("Succeeded", (string)finished["status"]!);
        Assert.Equal(operation.Split('/').Last().Split('?')[0], (string)finished["name"]!);
        Assert.Equal("Succeeded", (string)(await GetCacheAsync(emulator, "cache1"))["properties"]!["provisioningState"]!);
    }

    [Fact]
    public async Task TimeScaleShortensTheCreate()
    {
        await using var emulator = await StartWithGroupAsync(timeScale: 0.001);
        using var _ = await emulator.PutAsync(CachePath(emulator, "quick"), CreateBody);

        emulator.Clock.Advance(TimeSpan.FromSeconds(1.2));

        Assert.Equal("Succeeded", (string)(await GetCacheAsync(emulator, "quick"))["properties"]!["provisioningState"]!);
    }

    [Theory]
    [InlineData("eastus", "Automatic")]
    [InlineData("westus", "NoZones")]
    public async Task ZonalAllocationPolicyIsNoZonesWhereTheRegionHasNone(string location, string policy)
    {
        await using var emulator = await StartWithGroupAsync(timeScale: 0);

        using var created = await emulator.PutAsync(CachePath(emulator, "cache1"), new
        {
            location,
            properties = new { sku = new { name = "Premium", family = "P", capacity = 1 } },
        });

        // The West US Premium cache of the export excerpt in shared/recordings answers NoZones.
        Assert.Equal(policy, (string)(await created.JsonAsync())["properties"]!["zonalAllocationPolicy"]!);
    }

    [Fact]
    public async Task ReadsHaveTheExampleShapeWithoutKeys()
    {
        await using var emulator = await StartWithGroupAsync(timeScale: 0);
        using var _ = await emulator.PutAsync(CachePath(emulator, "cache1"), CreateBody);
        var example = SharedExamples.Response("Microsoft.Cache/RedisCacheGet.json", "200");
        // The example's cache has a connection; one without has no such key (the 2024-11-01 cache answers in shared/recordings).
        ((JsonObject)example["properties"]!).Remove("privateEndpointConnections");

        var body = await GetCacheAsync(emulator, "cache1");
        Assert.Null(body["properties"]!["privateEndpointConnections"]);

        Assert.Equal(ShapeOf(example), ShapeOf(body).Intersect(ShapeOf(example)).Order());
        var properties = body["properties"]!;
        Assert.Null(properties["accessKeys"]);
        Assert.Equal("cache1.redis.cache.windows.net", (string)properties["hostName"]!);
        Assert.Equal(6379, (int)properties["port"]!);
        Assert.Equal(6380, (int)properties["sslPort"]!);
        Assert.Equal("Enabled", (string)properties["publicNetworkAccess"]!);
        Assert.Equal("1.2", (string)properties["minimumTlsVersion"]!);
        Assert.False((bool)properties["enableNonSslPort"]!);
        Assert.Equal("6.0", (string)properties["redisVersion"]!);
    }

    [Fact]
    public async Task ListKeysAnswersTheKeysTheCreateReturned()
    {
        await using var emulator = await StartWithGroupAsync(timeScale: 0);
        var created = await (await emulator.PutAsync(CachePath(emulator, "cache1"), CreateBody)).JsonAsync();

        using var keys = await emulator.SendAsync(HttpMethod.Post,
            $"{emulator.Group("rg")}/providers/Microsoft.Cache/redis/cache1/listKeys?api-version=2024-11-01");

        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        var body = await keys.JsonAsync();
        Assert.Equal((string)created["properties"]!["accessKeys"]!["primaryKey"]!, (string)body["primaryKey"]!);
        Assert.Equal(44, ((string)body["secondaryKey"]!).Length);
    }

    [Fact]
    public async Task PatchShowsTheOldValueWhileUpdatingThenApplies()
    {
        await using var emulator = await StartWithGroupAsync();
        using var _ = await emulator.PutAsync(CachePath(emulator, "cache1"), CreateBody);
        emulator.Clock.Advance(TimeSpan.FromMinutes(20));

        using var patched = await emulator.SendAsync(HttpMethod.Patch, CachePath(emulator, "cache1"),
            new { properties = new { publicNetworkAccess = "Disabled" } });

        Assert.Equal(HttpStatusCode.Accepted, patched.StatusCode);
        var body = await patched.JsonAsync();
        Assert.Equal("Updating", (string)body["properties"]!["provisioningState"]!);
        Assert.Equal("Enabled", (string)body["properties"]!["publicNetworkAccess"]!);
        var operation = patched.Header("Azure-AsyncOperation")!;
        Assert.Equal(operation, patched.Header("Location"));
        Assert.Contains("/asyncOperations/", operation);

        emulator.Clock.Advance(TimeSpan.FromSeconds(30));
        var during = await GetCacheAsync(emulator, "cache1");
        Assert.Equal("Enabled", (string)during["properties"]!["publicNetworkAccess"]!);

        emulator.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("Succeeded", (string)(await (await emulator.FollowAsync(operation)).JsonAsync())["status"]!);
        var after = await GetCacheAsync(emulator, "cache1");
        Assert.Equal("Disabled", (string)after["properties"]!["publicNetworkAccess"]!);
        Assert.Equal("Succeeded", (string)after["properties"]!["provisioningState"]!);
    }

    [Fact]
    public async Task WritesWhileAnOperationRunsAreRefusedAsBusyInRedisWords()
    {
        await using var emulator = await StartWithGroupAsync();
        using var _ = await emulator.PutAsync(CachePath(emulator, "cache1"), CreateBody);

        using var patched = await emulator.SendAsync(HttpMethod.Patch, CachePath(emulator, "cache1"), new { tags = new { a = "b" } });

        Assert.Equal(HttpStatusCode.Conflict, patched.StatusCode);
        var error = (await patched.JsonAsync())["error"]!;
        Assert.Equal("Conflict", (string)error["code"]!);
        Assert.Equal($"The resource '{emulator.CacheId("cache1")}' is busy processing a previous update request or is undergoing system maintenance. As such, it is currently unable to accept the update request. Please try again later.", (string)error["message"]!, ignoreCase: true);
    }

    [Fact]
    public async Task DeleteIsAcceptedThenTheCacheIsGone()
    {
        await using var emulator = await StartWithGroupAsync(timeScale: 0.01);
        using var _ = await emulator.PutAsync(CachePath(emulator, "cache1"), CreateBody);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, CachePath(emulator, "cache1"));

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal(0, deleted.Content.Headers.ContentLength ?? 0);
        var operation = deleted.Header("Location")!;
        Assert.Contains("/operationresults/", operation);
        Assert.Null(deleted.Header("Azure-AsyncOperation"));
        Assert.Equal("Deleting", (string)(await GetCacheAsync(emulator, "cache1"))["properties"]!["provisioningState"]!);

        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("Succeeded", (string)(await (await emulator.FollowAsync(operation)).JsonAsync())["status"]!);
        using var gone = await emulator.GetAsync(CachePath(emulator, "cache1"));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var error = (await gone.JsonAsync())["error"]!;
        Assert.Equal("ResourceNotFound", (string)error["code"]!);
        Assert.StartsWith("The Resource 'Microsoft.Cache/redis/cache1' under resource group 'rg' was not found.", (string)error["message"]!);

        using var again = await emulator.SendAsync(HttpMethod.Delete, CachePath(emulator, "cache1"));
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task IdsAreCaseInsensitiveAndKeepTheFirstCasing()
    {
        await using var emulator = await StartWithGroupAsync(timeScale: 0);
        using var _ = await emulator.PutAsync($"{emulator.Group("RG")}/providers/Microsoft.Cache/redis/MyCache?api-version=2024-11-01", CreateBody);

        var body = await (await emulator.GetAsync(
            $"/SUBSCRIPTIONS/{emulator.Sub.ToUpperInvariant()}/resourcegroups/rg/providers/microsoft.cache/REDIS/mycache?api-version={TestApiVersions.Redis}")).JsonAsync();

        Assert.Equal($"{emulator.Group("rg")}/providers/Microsoft.Cache/Redis/MyCache", (string)body["id"]!);
        Assert.Equal("MyCache", (string)body["name"]!);
    }

    [Fact]
    public async Task NameAvailabilityIsGlobal()
    {
        await using var emulator = await StartWithGroupAsync(timeScale: 0);
        using var _ = await emulator.PutAsync(CachePath(emulator, "taken"), CreateBody);
        var example = SharedExamples.Load("Microsoft.Cache/RedisCacheCheckNameAvailability.json");
        var checkPath = $"/subscriptions/{emulator.Sub}/providers/Microsoft.Cache/CheckNameAvailability?api-version={TestApiVersions.Redis}";

        using var free = await emulator.SendAsync(HttpMethod.Post, checkPath, example["parameters"]!["parameters"]!.DeepClone());
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        Assert.Equal("", await free.Content.ReadAsStringAsync());

        using var taken = await emulator.SendAsync(HttpMethod.Post, checkPath, new { type = "Microsoft.Cache/Redis", name = "TAKEN" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("NameNotAvailable", await taken.ErrorCodeAsync());
    }

    [Fact]
    public async Task ListsByGroupAndBySubscription()
    {
        await using var emulator = await StartWithGroupAsync(timeScale: 0);
        await emulator.CreateGroupAsync("rg2");
        using var a = await emulator.PutAsync(CachePath(emulator, "a"), CreateBody);
        using var b = await emulator.PutAsync($"{emulator.Group("rg2")}/providers/Microsoft.Cache/redis/b?api-version=2024-11-01", CreateBody);

        var byGroup = await (await emulator.GetAsync($"{emulator.Group("rg")}/providers/Microsoft.Cache/redis?api-version=2024-11-01")).JsonAsync();
        Assert.Equal(["a"], byGroup["value"]!.AsArray().Select(c => (string)c!["name"]!));

        var bySubscription = await (await emulator.GetAsync($"/subscriptions/{emulator.Sub}/providers/Microsoft.Cache/redis?api-version={TestApiVersions.Redis}")).JsonAsync();
        Assert.Equal(["a", "b"], bySubscription["value"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.All(bySubscription["value"]!.AsArray(), c => Assert.Null(c!["properties"]!["accessKeys"]));
    }

    internal static string CachePath(TestEmulator emulator, string name) =>
        $"{emulator.Group("rg")}/providers/Microsoft.Cache/redis/{name}?api-version=2024-11-01";

    private static async Task<TestEmulator> StartWithGroupAsync(double timeScale = 1.0)
    {
        var emulator = await TestEmulator.StartAsync(o => o.TimeScale = timeScale);
        await emulator.CreateGroupAsync("rg");
        return emulator;
    }

    private static async Task<JsonObject> GetCacheAsync(TestEmulator emulator, string name)
    {
        using var response = await emulator.GetAsync(CachePath(emulator, name));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Top-level and properties field names: what a reader of the example relies on.</summary>
    private static IEnumerable<string> ShapeOf(JsonObject body) =>
        body.Select(p => p.Key)
            .Concat(((JsonObject)body["properties"]!).Select(p => "properties." + p.Key))
            .Where(k => k != "zones")
            .Order();
}

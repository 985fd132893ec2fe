using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

public sealed class FaultTests
{
    [Fact]
    public async Task StatusFaultAnswersTheErrorWithRetryAfterAndChangesNothing()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddFaultAsync(emulator, new { method = "PUT", pathPattern = "*/resourceGroups/rg", kind = "status", status = 429, retryAfter = 2 });

        using var faulted = await emulator.PutAsync($"{emulator.Group("rg")}?api-version=2021-04-01", new { location = "eastus" });
        Assert.Equal((HttpStatusCode)429, faulted.StatusCode);
        Assert.Equal("2", faulted.Header("Retry-After"));
        Assert.Equal("SubscriptionRequestsThrottled", await faulted.ErrorCodeAsync());
        using var missing = await emulator.GetAsync($"{emulator.Group("rg")}?api-version=2021-04-01");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var retried = await emulator.PutAsync($"{emulator.Group("rg")}?api-version=2021-04-01", new { location = "eastus" });
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }

    [Fact]
    public async Task StatusFaultUsesTheGivenCodeAndMessage()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddFaultAsync(emulator, new
        {
            pathPattern = "resourceGroups/rg$", kind = "status", status = 409, code = "Conflict", message = "busy",
        });

        using var faulted = await emulator.GetAsync($"{emulator.Group("rg")}?api-version=2021-04-01");

        Assert.Equal(HttpStatusCode.Conflict, faulted.StatusCode);
        var error = (await faulted.JsonAsync())["error"]!;
        Assert.Equal("Conflict", (string)error["code"]!);
        Assert.Equal("busy", (string)error["message"]!);
    }

    [Fact]
    public async Task CountLimitsHowOftenAFaultFires()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddFaultAsync(emulator, new { pathPattern = "/subscriptions", kind = "status", status = 503, count = 2 });
        var path = $"/subscriptions/{emulator.Sub}?api-version={TestApiVersions.Subscriptions}";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await emulator.GetAsync(path);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task ProbabilityDecidesEachTimeWithoutACount()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.Random = new Random(7));
        await AddFaultAsync(emulator, new { pathPattern = "/subscriptions/*", kind = "status", status = 500, probability = 1.0 });
        await AddFaultAsync(emulator, new { pathPattern = "/subscriptions", kind = "status", status = 400, probability = 0.0 });

        for (var i = 0; i < 3; i++)
        {
            using var always = await emulator.GetAsync($"/subscriptions/{emulator.Sub}?api-version={TestApiVersions.Subscriptions}");
            Assert.Equal(HttpStatusCode.InternalServerError, always.StatusCode);
        }

        using var never = await emulator.GetAsync($"/subscriptions?api-version={TestApiVersions.Subscriptions}");
        Assert.Equal(HttpStatusCode.OK, never.StatusCode);
    }

    [Fact]
    public async Task DelayHoldsTheAnswerBackPastTheClientTimeout()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddFaultAsync(emulator, new { pathPattern = "/subscriptions", kind = "delay", delayMs = 600_000 });
        using var impatient = TestEmulator.CreateClient(emulator.Running.Thumbprint, emulator.Running.Endpoint);
        impatient.Timeout = TimeSpan.FromMilliseconds(200);
        impatient.DefaultRequestHeaders.Authorization = emulator.Client.DefaultRequestHeaders.Authorization;

        // The outcome, not a stopwatch: a ten-minute hold makes a client with a short timeout give up.
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync($"/subscriptions?api-version={TestApiVersions.Subscriptions}"));

        using var next = await emulator.GetAsync($"/subscriptions?api-version={TestApiVersions.Subscriptions}");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task DropAbortsTheConnectionWithoutAnswer()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AddFaultAsync(emulator, new { pathPattern = "/subscriptions", kind = "drop" });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => emulator.GetAsync($"/subscriptions?api-version={TestApiVersions.Subscriptions}"));

        using var next = await emulator.GetAsync($"/subscriptions?api-version={TestApiVersions.Subscriptions}");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Theory]
    [InlineData("dropAfterActing", null)]
    [InlineData("holdAfterActing", 300)]
    public async Task AnAnswerLostAfterActingLeavesTheWriteDoneAndTheClientWithoutAnswer(string kind, int? delayMs)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        await AddFaultAsync(emulator, new { method = "PUT", pathPattern = "*/redis/cache1", kind, delayMs });

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => emulator.PutAsync(RedisTests.CachePath(emulator, "cache1"), new { location = "eastus" }));

        // ARM acted on it: the cache exists and its create runs; the log has the write unanswered.
        var cache = await (await emulator.GetAsync(RedisTests.CachePath(emulator, "cache1"))).JsonAsync();
        Assert.Equal("Creating", (string)cache["properties"]!["provisioningState"]!);
        var log = JsonNode.Parse(await emulator.Client.GetStringAsync("_emulator/requests"))!.AsArray();
        Assert.Equal(0, (int)log.Single(r => (string)r!["method"]! == "PUT" && ((string)r!["path"]!).EndsWith("/cache1", StringComparison.Ordinal))!["status"]!);
        Assert.Empty(JsonNode.Parse(await emulator.Client.GetStringAsync("_emulator/faults"))!.AsArray());
    }

    [Fact]
    public async Task HoldAfterActingNeedsHowLongToHoldTheAnswer()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var refused = await emulator.Client.PostAsJsonAsync("_emulator/faults", new { pathPattern = "x", kind = "holdAfterActing" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("delayMs", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LroFailedAcceptsTheWriteThenFailsTheOperation()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        await AddFaultAsync(emulator, new { method = "PUT", pathPattern = "*/redis/*", kind = "lroFailed" });

        using var created = await emulator.PutAsync(RedisTests.CachePath(emulator, "cache1"), new { location = "eastus" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(20));

        var status = await (await emulator.FollowAsync(created.Header("Azure-AsyncOperation")!)).JsonAsync();
        Assert.Equal("Failed", (string)status["status"]!);
        Assert.NotNull(status["error"]!["code"]);
        var cache = await (await emulator.GetAsync(RedisTests.CachePath(emulator, "cache1"))).JsonAsync();
        Assert.Equal("Failed", (string)cache["properties"]!["provisioningState"]!);
    }

    [Fact]
    public async Task LroFailedOnANetworkWriteFailsItsAsyncOperation()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        await AddFaultAsync(emulator, new { pathPattern = "virtualNetworks/vnet", kind = "lroFailed" });

        using var created = await emulator.PutAsync(NetworkTests.VnetPath(emulator, "vnet"), NetworkTests.Vnet("a"));
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        var status = await (await emulator.FollowAsync(created.Header("Azure-AsyncOperation")!)).JsonAsync();
        Assert.Equal("Failed", (string)status["status"]!);
        Assert.NotNull(status["error"]);
    }

    [Fact]
    public async Task FaultsAreListedRemovedAndValidated()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var first = await AddFaultAsync(emulator, new { pathPattern = "a", kind = "drop" });
        await AddFaultAsync(emulator, new { pathPattern = "b", kind = "delay", delayMs = 1 });

        var listed = JsonNode.Parse(await emulator.Client.GetStringAsync("_emulator/faults"))!.AsArray();
        Assert.Equal(["drop", "delay"], listed.Select(f => (string)f!["kind"]!));

        using var removed = await emulator.Client.DeleteAsync($"_emulator/faults/{first}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Single(JsonNode.Parse(await emulator.Client.GetStringAsync("_emulator/faults"))!.AsArray());

        using var cleared = await emulator.Client.DeleteAsync("_emulator/faults");
        Assert.Empty(JsonNode.Parse(await emulator.Client.GetStringAsync("_emulator/faults"))!.AsArray());

        using var invalid = await emulator.Client.PostAsJsonAsync("_emulator/faults", new { pathPattern = "x", kind = "explode" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    private static async Task<string> AddFaultAsync(TestEmulator emulator, object fault)
    {
        using var response = await emulator.Client.PostAsJsonAsync("_emulator/faults", fault);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.JsonAsync())["id"]!;
    }
}

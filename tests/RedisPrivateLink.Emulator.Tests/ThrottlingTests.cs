using System.Net;
using RedisPrivateLink.Emulator.Hosting;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

public sealed class ThrottlingTests
{
    [Fact]
    public async Task EmptyBucketAnswers429WithRetryAfterUntilItRefills()
    {
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.Throttling.Enabled = true;
            o.Throttling.Reads = new BucketOptions(3, 0.5);
        });
        var path = $"/subscriptions/{emulator.Sub}/resourcegroups?api-version={TestApiVersions.ResourceGroups}";

        var remaining = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await emulator.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            remaining.Add(ok.Header("x-ms-ratelimit-remaining-subscription-reads"));
        }

        Assert.Equal(["2", "1", "0"], remaining);

        using var throttled = await emulator.GetAsync(path);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal("SubscriptionRequestsThrottled", await throttled.ErrorCodeAsync());
        Assert.Equal("2", throttled.Header("Retry-After"));
        Assert.Equal("0", throttled.Header("x-ms-ratelimit-remaining-subscription-reads"));

        emulator.Clock.Advance(TimeSpan.FromSeconds(2));
        using var refilled = await emulator.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, refilled.StatusCode);
    }

    [Fact]
    public async Task ReadsWritesAndDeletesHaveTheirOwnBuckets()
    {
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.Throttling.Enabled = true;
            o.Throttling.Writes = new BucketOptions(1, 0);
        });

        using var write = await emulator.PutAsync($"{emulator.Group("rg")}?api-version=2021-04-01", new { location = "eastus" });
        Assert.Equal("0", write.Header("x-ms-ratelimit-remaining-subscription-writes"));
        using var secondWrite = await emulator.PutAsync($"{emulator.Group("rg2")}?api-version=2021-04-01", new { location = "eastus" });
        Assert.Equal((HttpStatusCode)429, secondWrite.StatusCode);

        using var read = await emulator.GetAsync($"{emulator.Group("rg")}?api-version=2021-04-01");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("249", read.Header("x-ms-ratelimit-remaining-subscription-reads"));

        using var delete = await emulator.SendAsync(HttpMethod.Delete, $"{emulator.Group("rg")}?api-version=2021-04-01");
        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        Assert.Equal("199", delete.Header("x-ms-ratelimit-remaining-subscription-deletes"));
    }

    [Fact]
    public async Task AnswersTheGlobalRemaindersAndThrottlingVersion2AsRecentSubscriptionsDo()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.Throttling.Enabled = true);

        using var write = await emulator.PutAsync($"{emulator.Group("rg")}?api-version=2021-04-01", new { location = "eastus" });
        using var read = await emulator.GetAsync($"{emulator.Group("rg")}?api-version=2021-04-01");
        using var delete = await emulator.SendAsync(HttpMethod.Delete, $"{emulator.Group("rg")}?api-version=2021-04-01");

        // Fifteen times the regional bucket, as the recordings' 1099/16499 reads and 799/11999 writes and deletes.
        Assert.Equal("2999", write.Header("x-ms-ratelimit-remaining-subscription-global-writes"));
        Assert.Equal("3749", read.Header("x-ms-ratelimit-remaining-subscription-global-reads"));
        Assert.Equal("2999", delete.Header("x-ms-ratelimit-remaining-subscription-global-deletes"));
        Assert.All(new[] { write, read, delete }, r => Assert.Equal("v2", r.Header("x-ms-throttling-version")));
    }
}

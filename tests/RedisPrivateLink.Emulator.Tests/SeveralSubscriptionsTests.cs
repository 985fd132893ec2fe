using System.Net;
using System.Net.Http.Json;
using RedisPrivateLink.Emulator.Hosting;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>A landing zone's subscriptions in one emulator: each listed, with its own resources and throttling.</summary>
public sealed class SeveralSubscriptionsTests
{
    private static readonly string Spoke = "33333333-3333-3333-3333-333333333333";

    [Fact]
    public async Task SubscriptionsFromTheCommandLineAndTheControlPlaneAreListedInOrder()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.AdditionalSubscriptions.Add(Spoke));
        var hub = Guid.NewGuid().ToString();
        using var added = await emulator.PutAsync($"/_emulator/subscriptions/{hub}", new { displayName = "connectivity-hub" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);

        var list = await (await emulator.GetAsync($"/subscriptions?api-version={TestApiVersions.Subscriptions}")).JsonAsync();

        Assert.Equal([emulator.Sub, Spoke, hub], list["value"]!.AsArray().Select(s => (string)s!["subscriptionId"]!));
        var hubBody = await (await emulator.GetAsync($"/subscriptions/{hub}?api-version={TestApiVersions.Subscriptions}")).JsonAsync();
        Assert.Equal("connectivity-hub", (string)hubBody["displayName"]!);
        Assert.Equal($"/subscriptions/{hub}", (string)hubBody["id"]!);
        Assert.Equal(emulator.Options.TenantId, (string)hubBody["tenantId"]!);
    }

    [Fact]
    public async Task EachSubscriptionHoldsItsOwnResources()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.AdditionalSubscriptions.Add(Spoke));
        using var created = await emulator.PutAsync($"/subscriptions/{Spoke}/resourceGroups/rg-spoke?api-version={TestApiVersions.ResourceGroups}", new { location = "eastus" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var inDefault = await emulator.GetAsync($"{emulator.Group("rg-spoke")}?api-version={TestApiVersions.ResourceGroups}");
        Assert.Equal(HttpStatusCode.NotFound, inDefault.StatusCode);
        Assert.Equal("ResourceGroupNotFound", await inDefault.ErrorCodeAsync());
        var groups = await (await emulator.GetAsync($"/subscriptions/{Spoke}/resourcegroups?api-version={TestApiVersions.ResourceGroups}")).JsonAsync();
        Assert.Equal(["rg-spoke"], groups["value"]!.AsArray().Select(g => (string)g!["name"]!));
    }

    [Fact]
    public async Task EachSubscriptionIsThrottledByItsOwnBuckets()
    {
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.AdditionalSubscriptions.Add(Spoke);
            o.Throttling.Enabled = true;
            o.Throttling.Writes = new BucketOptions(1, 0);
        });

        using var first = await emulator.PutAsync($"{emulator.Group("rg")}?api-version={TestApiVersions.ResourceGroups}", new { location = "eastus" });
        using var refused = await emulator.PutAsync($"{emulator.Group("rg2")}?api-version={TestApiVersions.ResourceGroups}", new { location = "eastus" });
        using var otherSubscription = await emulator.PutAsync($"/subscriptions/{Spoke}/resourceGroups/rg?api-version={TestApiVersions.ResourceGroups}", new { location = "eastus" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, otherSubscription.StatusCode);
        Assert.Equal("0", otherSubscription.Header("x-ms-ratelimit-remaining-subscription-writes"));
    }

    [Fact]
    public async Task ResetRemovesOnlyTheSubscriptionsAddedAtRunTime()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.AdditionalSubscriptions.Add(Spoke));
        var hub = Guid.NewGuid().ToString();
        (await emulator.PutAsync($"/_emulator/subscriptions/{hub}", new { })).EnsureSuccessStatusCode();

        (await emulator.SendAsync(HttpMethod.Post, "/_emulator/reset")).EnsureSuccessStatusCode();

        using var removed = await emulator.GetAsync($"/subscriptions/{hub}?api-version={TestApiVersions.Subscriptions}");
        Assert.Equal("SubscriptionNotFound", await removed.ErrorCodeAsync());
        using var kept = await emulator.GetAsync($"/subscriptions/{Spoke}?api-version={TestApiVersions.Subscriptions}");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Fact]
    public async Task StateFileKeepsSubscriptionsAddedAtRunTime()
    {
        var stateFile = Path.Combine(Path.GetTempPath(), $"emulator-state-{Guid.NewGuid():N}.json");
        var hub = Guid.NewGuid().ToString();
        await using (var first = await TestEmulator.StartAsync(o => o.StateFile = stateFile))
        {
            (await first.PutAsync($"/_emulator/subscriptions/{hub}", new { displayName = "hub" })).EnsureSuccessStatusCode();
            (await first.PutAsync($"/subscriptions/{hub}/resourceGroups/rg-dns?api-version={TestApiVersions.ResourceGroups}", new { location = "eastus" })).EnsureSuccessStatusCode();
        }

        await using var second = await TestEmulator.StartAsync(o => o.StateFile = stateFile);
        var subscription = await (await second.GetAsync($"/subscriptions/{hub}?api-version={TestApiVersions.Subscriptions}")).JsonAsync();
        Assert.Equal("hub", (string)subscription["displayName"]!);
        using var group = await second.GetAsync($"/subscriptions/{hub}/resourceGroups/rg-dns?api-version={TestApiVersions.ResourceGroups}");
        Assert.Equal(HttpStatusCode.OK, group.StatusCode);
        File.Delete(stateFile);
    }

    [Theory]
    [InlineData("not-a-guid", null)]
    [InlineData(EmulatorOptions.DefaultSubscriptionId, null)]
    [InlineData("44444444-4444-4444-4444-444444444444", "not-a-guid")]
    public async Task ControlPlaneRefusesAMalformedOrFixedSubscription(string subscriptionId, string? tenantId)
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.PutAsync($"/_emulator/subscriptions/{subscriptionId}", new { tenantId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidSubscription", await response.ErrorCodeAsync());
        var list = await emulator.Client.GetFromJsonAsync<List<EmulatedSubscriptionView>>("_emulator/subscriptions");
        Assert.Equal([emulator.Sub], list!.Select(s => s.SubscriptionId));
    }

    [Fact]
    public void CommandLineAddsSubscriptions()
    {
        var options = CommandLine.Parse(["--additional-subscription", Spoke, "--additional-subscription", "44444444-4444-4444-4444-444444444444"]);

        Assert.Equal([Spoke, "44444444-4444-4444-4444-444444444444"], options.AdditionalSubscriptions);
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--additional-subscription", "spoke"]));
    }

    private sealed record EmulatedSubscriptionView(string SubscriptionId, string TenantId, string DisplayName);
}

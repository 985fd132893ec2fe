using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Hosting;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

public sealed class ControlPlaneTests
{
    [Fact]
    public async Task RequestsLogListsArmCallsWithoutBodiesAndCanBeCleared()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.TimeScale = 0);
        await emulator.CreateGroupAsync("rg");
        using var cacheResponse = await emulator.PutAsync(RedisTests.CachePath(emulator, "cache1"), new { location = "eastus" });
        using var keysResponse = await emulator.SendAsync(HttpMethod.Post,
            $"{emulator.Group("rg")}/providers/Microsoft.Cache/redis/cache1/listKeys?api-version=2024-11-01");
        var primaryKey = (string)(await keysResponse.JsonAsync())["primaryKey"]!;

        var text = await emulator.Client.GetStringAsync("_emulator/requests");
        var log = JsonNode.Parse(text)!.AsArray();

        Assert.Equal(["PUT", "PUT", "POST"], log.Select(e => (string)e!["method"]!));
        var cacheCall = log[1]!;
        Assert.Equal($"{emulator.Group("rg")}/providers/Microsoft.Cache/redis/cache1", (string)cacheCall["path"]!);
        Assert.Equal($"?api-version={TestApiVersions.Redis}", (string)cacheCall["query"]!);
        Assert.Equal(201, (int)cacheCall["status"]!);
        Assert.True((double)cacheCall["durationMs"]! >= 0);
        Assert.True(DateTimeOffset.TryParse((string)cacheCall["time"]!, out _));
        Assert.DoesNotContain(primaryKey, text, StringComparison.Ordinal);

        using var cleared = await emulator.Client.DeleteAsync("_emulator/requests");
        Assert.Empty(JsonNode.Parse(await emulator.Client.GetStringAsync("_emulator/requests"))!.AsArray());
    }

    [Fact]
    public async Task ResetEmptiesStoreFaultsLogAndThrottling()
    {
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.Throttling.Enabled = true;
            o.Throttling.Writes = new BucketOptions(1, 0);
        });
        await emulator.CreateGroupAsync("rg");
        using var fault = await emulator.Client.PostAsync("_emulator/faults",
            new StringContent("""{"pathPattern":"nothing","kind":"drop"}""", System.Text.Encoding.UTF8, "application/json"));

        using var reset = await emulator.Client.PostAsync("_emulator/reset", null);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);

        Assert.Empty(JsonNode.Parse(await emulator.Client.GetStringAsync("_emulator/faults"))!.AsArray());
        Assert.Empty(JsonNode.Parse(await emulator.Client.GetStringAsync("_emulator/requests"))!.AsArray());
        using var group = await emulator.GetAsync($"{emulator.Group("rg")}?api-version=2021-04-01");
        Assert.Equal(HttpStatusCode.NotFound, group.StatusCode);
        using var subscription = await emulator.GetAsync($"/subscriptions/{emulator.Sub}?api-version={TestApiVersions.Subscriptions}");
        Assert.Equal(HttpStatusCode.OK, subscription.StatusCode);
        await emulator.CreateGroupAsync("rg");
    }

    [Fact]
    public async Task StateFileKeepsResourcesAndRunningOperationsAcrossARestart()
    {
        var stateFile = Path.Combine(Path.GetTempPath(), $"emulator-state-{Guid.NewGuid():N}.json");
        string primaryKey;
        await using (var first = await TestEmulator.StartAsync(o => o.StateFile = stateFile))
        {
            await first.CreateGroupAsync("rg");
            var created = await (await first.PutAsync(RedisTests.CachePath(first, "cache1"), new { location = "eastus" })).JsonAsync();
            primaryKey = (string)created["properties"]!["accessKeys"]!["primaryKey"]!;
        }

        Assert.True(File.Exists(stateFile));
        await using var second = await TestEmulator.StartAsync(o => o.StateFile = stateFile);
        var cache = await (await second.GetAsync(RedisTests.CachePath(second, "cache1"))).JsonAsync();
        Assert.Equal("Creating", (string)cache["properties"]!["provisioningState"]!);

        second.Clock.Advance(TimeSpan.FromMinutes(20));
        cache = await (await second.GetAsync(RedisTests.CachePath(second, "cache1"))).JsonAsync();
        Assert.Equal("Succeeded", (string)cache["properties"]!["provisioningState"]!);
        var keys = await (await second.SendAsync(HttpMethod.Post,
            $"{second.Group("rg")}/providers/Microsoft.Cache/redis/cache1/listKeys?api-version=2024-11-01")).JsonAsync();
        Assert.Equal(primaryKey, (string)keys["primaryKey"]!);
        File.Delete(stateFile);
    }
    [Fact]
    public async Task StateFileKeepsProviderRegistrationsAndLocksAcrossARestart()
    {
        var stateFile = Path.Combine(Path.GetTempPath(), $"emulator-state-{Guid.NewGuid():N}.json");
        await using (var first = await TestEmulator.StartAsync(o => o.StateFile = stateFile))
        {
            await first.CreateGroupAsync("rg");
            await first.CreateGroupAsync("rg-locked");
            (await first.Client.PostAsJsonAsync("_emulator/locks", new { resourceGroup = "rg-locked", level = "ReadOnly" })).EnsureSuccessStatusCode();
            (await first.SendAsync(HttpMethod.Post, "/_emulator/providers/Microsoft.Cache/unregister")).EnsureSuccessStatusCode();
            (await first.SendAsync(HttpMethod.Post, "/_emulator/providers/Microsoft.Network/unregister")).EnsureSuccessStatusCode();
            (await first.SendAsync(HttpMethod.Post, $"/subscriptions/{first.Sub}/providers/Microsoft.Network/register?api-version=2021-04-01")).EnsureSuccessStatusCode();
        }

        await using var second = await TestEmulator.StartAsync(o => o.StateFile = stateFile);
        var cacheProvider = $"/subscriptions/{second.Sub}/providers/Microsoft.Cache";
        var networkProvider = $"/subscriptions/{second.Sub}/providers/Microsoft.Network";
        Assert.Equal("NotRegistered", await RegistrationStateAsync(second, cacheProvider));
        Assert.Equal("Registering", await RegistrationStateAsync(second, networkProvider));
        second.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("NotRegistered", await RegistrationStateAsync(second, cacheProvider));
        Assert.Equal("Registered", await RegistrationStateAsync(second, networkProvider));

        using var refused = await second.PutAsync(RedisTests.CachePath(second, "cache1"), new { location = "eastus" });
        Assert.Equal("MissingSubscriptionRegistration", await refused.ErrorCodeAsync());
        using var locked = await second.PutAsync($"{second.Group("rg-locked")}/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net?api-version=2024-06-01", new { location = "global" });
        Assert.Equal("ScopeLocked", await locked.ErrorCodeAsync());
        File.Delete(stateFile);
    }

    private static async Task<string> RegistrationStateAsync(TestEmulator emulator, string providerPath) =>
        (string)(await (await emulator.GetAsync($"{providerPath}?api-version=2021-04-01")).JsonAsync())["registrationState"]!;
}

using System.Net;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

public sealed class SubscriptionAndApiVersionTests
{
    [Fact]
    public async Task SubscriptionIsListedAndReadable()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var list = await (await emulator.GetAsync($"/subscriptions?api-version={TestApiVersions.Subscriptions}")).JsonAsync();
        var only = Assert.Single(list["value"]!.AsArray())!;
        Assert.Equal(emulator.Sub, (string)only["subscriptionId"]!);

        var subscription = await (await emulator.GetAsync($"/subscriptions/{emulator.Sub}?api-version={TestApiVersions.Subscriptions}")).JsonAsync();
        Assert.Equal($"/subscriptions/{emulator.Sub}", (string)subscription["id"]!);
        Assert.Equal("Emulator Subscription", (string)subscription["displayName"]!);
        Assert.Equal("Enabled", (string)subscription["state"]!);
        Assert.Equal(emulator.Options.TenantId, (string)subscription["tenantId"]!);
    }

    [Fact]
    public async Task UnknownSubscriptionIsNotFound()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var other = Guid.NewGuid();

        using var response = await emulator.GetAsync($"/subscriptions/{other}/resourcegroups/rg?api-version={TestApiVersions.ResourceGroups}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = (await response.JsonAsync())["error"]!;
        Assert.Equal("SubscriptionNotFound", (string)error["code"]!);
        Assert.Equal($"The subscription '{other}' could not be found.", (string)error["message"]!);
    }

    [Fact]
    public async Task MissingApiVersionIsRejected()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.GetAsync($"{emulator.Group("rg")}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MissingApiVersionParameter", await response.ErrorCodeAsync());
    }

    [Fact]
    public async Task UnsupportedApiVersionsAreRejectedTheWayArmDoes()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");

        using var group = await emulator.GetAsync($"{emulator.Group("rg")}?api-version=2099-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, group.StatusCode);
        var groupError = (await group.JsonAsync())["error"]!;
        Assert.Equal("InvalidApiVersionParameter", (string)groupError["code"]!);
        Assert.StartsWith("The api-version '2099-01-01' is invalid. The supported versions are '2025-04-01,", (string)groupError["message"]!);

        using var cache = await emulator.GetAsync($"{emulator.Group("rg")}/providers/Microsoft.Cache/redis/c1?api-version=2099-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, cache.StatusCode);
        var cacheError = (await cache.JsonAsync())["error"]!;
        Assert.Equal("NoRegisteredProviderFound", (string)cacheError["code"]!);
        Assert.StartsWith(
            "No registered resource provider found for location 'eastus' and API version '2099-01-01' for type 'redis'.",
            (string)cacheError["message"]!);
        Assert.Contains(TestApiVersions.Redis, (string)cacheError["message"]!);
    }

    [Theory]
    [InlineData("Microsoft.Cache/redis/c1", "2021-06-01")]
    [InlineData("Microsoft.Network/virtualNetworks/v1", TestApiVersions.Network)]
    [InlineData("Microsoft.Network/virtualNetworks/v1", "2021-05-01")]
    [InlineData("Microsoft.Network/privateEndpoints/p1", "2025-03-01")]
    [InlineData("Microsoft.Network/privateDnsZones/z.example", "2020-06-01")]
    [InlineData("Microsoft.Storage/storageAccounts/s1", TestApiVersions.Storage)]
    public async Task VersionsFromDesignRecordingsAndExamplesAreAccepted(string resource, string apiVersion)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");

        using var response = await emulator.GetAsync($"{emulator.Group("rg")}/providers/{resource}?api-version={apiVersion}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ResourceNotFound", await response.ErrorCodeAsync());
    }
}

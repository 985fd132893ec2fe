using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>
/// lroFailed on every kind of long-running write, and drop on every kind of poll: what a fault matrix over the
/// module's steps relies on. Each write is accepted as usual and its operation then ends Failed.
/// </summary>
public sealed class LroFaultTests
{
    [Theory]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task RedisUpdatesAndDeletesEndFailedAndLeaveTheCacheFailed(string method)
    {
        await using var emulator = await StartAsync();
        await FaultAsync(emulator, method, "*/redis/cache1");

        using var accepted = await emulator.SendAsync(new HttpMethod(method), Redis(emulator.CacheId("cache1")),
            method == "PATCH" ? new { properties = new { publicNetworkAccess = "Disabled" } } : null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(10));

        if (method == "DELETE")
        {
            await AssertOperationResultFailedAsync(emulator, accepted.Header("Location")!);
        }
        else
        {
            await AssertRedisFailedAsync(emulator, accepted.Header("Azure-AsyncOperation")!);
        }

        var cache = await (await emulator.GetAsync(Redis(emulator.CacheId("cache1")))).JsonAsync();
        Assert.Equal("Failed", (string)cache["properties"]!["provisioningState"]!);
        Assert.Equal("Enabled", (string)cache["properties"]!["publicNetworkAccess"]!);
    }

    [Fact]
    public async Task ApprovingAConnectionEndsFailed()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Network(emulator.EndpointId("pe1")), Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.CacheId("cache1")));
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        var connections = await (await emulator.GetAsync(Redis($"{emulator.CacheId("cache1")}/privateEndpointConnections"))).JsonAsync();
        var connectionId = (string)connections["value"]![0]!["id"]!;
        await FaultAsync(emulator, "PUT", "*/privateEndpointConnections/*");

        using var accepted = await emulator.PutAsync(Redis(connectionId),
            new { properties = new { privateLinkServiceConnectionState = new { status = "Rejected", description = "no" } } });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        await AssertRedisFailedAsync(emulator, accepted.Header("Azure-AsyncOperation")!);
    }

    [Theory]
    [InlineData("export")]
    [InlineData("import")]
    public async Task ExportAndImportEndFailed(string action)
    {
        await using var emulator = await StartAsync(premium: true);
        await FaultAsync(emulator, "POST", $"*/{action}");
        const string Container = "https://contosostorage.blob.core.windows.net/dumps";
        using var exported = await emulator.SendAsync(HttpMethod.Post, Redis($"{emulator.CacheId("cache1")}/export"), new { prefix = "p", container = Container });
        emulator.Clock.Advance(TimeSpan.FromMinutes(10));

        using var accepted = action == "export"
            ? exported
            : await emulator.SendAsync(HttpMethod.Post, Redis($"{emulator.CacheId("cache1")}/import"), new { files = new[] { $"{Container}/p" } });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(10));

        var error = await AssertOperationResultFailedAsync(emulator, accepted.Header("Location")!);
        Assert.Equal("InternalServerError", (string)error["code"]!);
    }

    [Fact]
    public async Task ANetworkDeleteEndsFailedOnBothPollingUrls()
    {
        await using var emulator = await StartAsync();
        await FaultAsync(emulator, "DELETE", "*/virtualNetworks/vnet");

        using var accepted = await emulator.SendAsync(HttpMethod.Delete, Network(emulator.VnetId("vnet")));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        var status = await (await emulator.FollowAsync(accepted.Header("Azure-AsyncOperation")!)).JsonAsync();
        Assert.Equal("Failed", (string)status["status"]!);
        using var result = await emulator.FollowAsync(accepted.Header("Location")!);
        await result.AssertErrorAsync(HttpStatusCode.BadRequest, "InternalServerError");
        using var stillThere = await emulator.GetAsync(Network(emulator.VnetId("vnet")));
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task PrivateDnsWritesEndFailedOnBothPollingUrls(string method)
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Dns(emulator.ZoneId()), new { location = "global" });
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        await FaultAsync(emulator, method, "*/privateDnsZones/*");

        using var accepted = await emulator.SendAsync(new HttpMethod(method), Dns(emulator.ZoneId()), method == "PUT" ? new { location = "global" } : null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        using var status = await emulator.FollowAsync(accepted.Header("Azure-AsyncOperation")!);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var body = await status.JsonAsync();
        Assert.Equal("Failed", (string)body["status"]!);
        Assert.NotNull(body["error"]!["code"]);
        using var result = await emulator.FollowAsync(accepted.Header("Location")!);
        await result.AssertErrorAsync(HttpStatusCode.BadRequest, "InternalServerError");
    }

    [Fact]
    public async Task AResourceGroupDeleteEndsFailed()
    {
        await using var emulator = await StartAsync();
        await FaultAsync(emulator, "DELETE", "*/resourceGroups/rg");

        using var accepted = await emulator.SendAsync(HttpMethod.Delete, $"{emulator.Group("rg")}?api-version={TestApiVersions.ResourceGroups}");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        using var result = await emulator.FollowAsync(accepted.Header("Location")!);
        await result.AssertErrorAsync(HttpStatusCode.InternalServerError, "ResourceGroupDeletionFailed");
    }

    [Theory]
    [InlineData("redis", "*/asyncOperations/*")]
    [InlineData("network", "*/locations/*/operations/*")]
    [InlineData("dns", "*/privateDnsOperationStatuses/*")]
    public async Task ADroppedPollLeavesTheOperationPollableAfterwards(string style, string pollPattern)
    {
        await using var emulator = await StartAsync();
        using var accepted = style switch
        {
            "redis" => await emulator.SendAsync(HttpMethod.Patch, Redis(emulator.CacheId("cache1")), new { tags = new { a = "b" } }),
            "network" => await emulator.PutAsync(Network(emulator.SubnetId("vnet", "extra")), Subnet("10.0.5.0/24")),
            _ => await emulator.PutAsync(Dns(emulator.ZoneId()), new { location = "global" }),
        };
        var poll = accepted.Header("Azure-AsyncOperation")!;
        await FaultAsync(emulator, "GET", pollPattern, kind: "drop");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => emulator.FollowAsync(poll));

        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        using var next = await emulator.FollowAsync(poll);
        Assert.True(next.IsSuccessStatusCode);
        Assert.Equal("Succeeded", (string)(await next.JsonAsync())["status"]!);
    }

    private static async Task<JsonObject> AssertRedisFailedAsync(TestEmulator emulator, string operation)
    {
        using var polled = await emulator.FollowAsync(operation);
        Assert.Equal(HttpStatusCode.OK, polled.StatusCode);
        var body = await polled.JsonAsync();
        Assert.Equal("Failed", (string)body["status"]!);
        return body["error"]!.AsObject();
    }

    /// <summary>A classic export's, import's or DELETE's operationresults poll: a failed operation answers 409 with ARM's error.</summary>
    private static async Task<JsonObject> AssertOperationResultFailedAsync(TestEmulator emulator, string location)
    {
        using var polled = await emulator.FollowAsync(location);
        Assert.Equal(HttpStatusCode.Conflict, polled.StatusCode);
        return (await polled.JsonAsync())["error"]!.AsObject();
    }

    private static async Task FaultAsync(TestEmulator emulator, string method, string pathPattern, string kind = "lroFailed")
    {
        using var response = await emulator.Client.PostAsJsonAsync("_emulator/faults", new { method, pathPattern, kind });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>A provisioned VNet and cache (Premium when asked); the clock then drives only the faulted writes.</summary>
    private static async Task<TestEmulator> StartAsync(bool premium = false)
    {
        var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        await emulator.PutOkAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("endpoints", "10.0.1.0/24")));
        await emulator.PutOkAsync(Redis(emulator.CacheId("cache1")), premium
            ? new { location = "eastus", properties = new { sku = new { name = "Premium", family = "P", capacity = 1 } } }
            : new { location = "eastus" });
        emulator.Clock.Advance(TimeSpan.FromMinutes(30));
        return emulator;
    }
}

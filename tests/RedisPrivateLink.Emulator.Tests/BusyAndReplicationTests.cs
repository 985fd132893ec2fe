using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>
/// Each provider's own "busy" answer, a network operation that fails as retryable, and a first read that does not yet
/// see what was just created — as Azure answers them (sources in the emulator's README).
/// </summary>
public sealed class BusyAndReplicationTests
{
    [Fact]
    public async Task ANetworkWriteWhileAnOperationRunsIsRefused409AnotherOperationInProgressNamingItsStatusUrl()
    {
        await using var emulator = await StartAsync();
        using var started = await emulator.PutAsync(Network(emulator.SubnetId("vnet", "extra")), Subnet("10.0.5.0/24"));

        using var busy = await emulator.PutAsync(Network(emulator.SubnetId("vnet", "extra")), Subnet("10.0.5.0/24"));

        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        var error = (await busy.JsonAsync())["error"]!;
        Assert.Equal("AnotherOperationInProgress", (string)error["code"]!);
        Assert.Equal($"Another operation on this or dependent resource is in progress. To retrieve status of the operation use uri: {started.Header("Azure-AsyncOperation")}.", (string)error["message"]!);
        Assert.Empty(error["details"]!.AsArray());
    }

    [Fact]
    public async Task ABusyFaultOnANetworkPathAnswersNetworks409()
    {
        await using var emulator = await StartAsync();
        await FaultAsync(emulator, new { method = "PUT", pathPattern = "*/subnets/extra", kind = "busy" });

        using var busy = await emulator.PutAsync(Network(emulator.SubnetId("vnet", "extra")), Subnet("10.0.5.0/24"));
        using var accepted = await emulator.PutAsync(Network(emulator.SubnetId("vnet", "extra")), Subnet("10.0.5.0/24"));

        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        var error = (await busy.JsonAsync())["error"]!;
        Assert.Equal("AnotherOperationInProgress", (string)error["code"]!);
        Assert.StartsWith($"Another operation on this or dependent resource is in progress. To retrieve status of the operation use uri: https://", (string)error["message"]!);
        Assert.Contains("/providers/Microsoft.Network/locations/eastus/operations/", (string)error["message"]!);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task ABusyFaultWith429AnswersNetworksRetryableErrorWithTheBusyOperationAsItsDetail()
    {
        await using var emulator = await StartAsync();
        await FaultAsync(emulator, new { method = "PUT", pathPattern = "*/virtualNetworks/vnet", kind = "busy", status = 429, retryAfter = 3 });

        using var busy = await emulator.PutAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("endpoints", "10.0.1.0/24")));

        Assert.Equal((HttpStatusCode)429, busy.StatusCode);
        Assert.Equal("3", busy.Header("Retry-After"));
        var error = (await busy.JsonAsync())["error"]!;
        Assert.Equal("RetryableError", (string)error["code"]!);
        Assert.Equal("A retryable error occurred.", (string)error["message"]!);
        var detail = error["details"]!.AsArray().Single()!;
        Assert.Equal("RetryableErrorDueToAnotherOperation", (string)detail["code"]!);
        Assert.Matches($"^Operation PutVirtualNetworkOperation \\([0-9a-f-]+\\) is updating resource {emulator.VnetId("vnet")}\\. The call can be retried in 3 seconds\\.$", (string)detail["message"]!);
    }

    [Fact]
    public async Task ABusyFaultOnACachePathAnswersRedissConflict()
    {
        await using var emulator = await StartAsync();
        await FaultAsync(emulator, new { method = "PATCH", pathPattern = "*/redis/cache1", kind = "busy" });

        using var busy = await emulator.SendAsync(HttpMethod.Patch, Redis(emulator.CacheId("cache1")), new { properties = new { publicNetworkAccess = "Disabled" } });

        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        var error = (await busy.JsonAsync())["error"]!;
        Assert.Equal("Conflict", (string)error["code"]!);
        Assert.Contains("is busy processing a previous update request or is undergoing system maintenance", (string)error["message"]!);
    }

    [Fact]
    public async Task ABusyFaultWithAnotherStatusIsRefused()
    {
        await using var emulator = await StartAsync();

        using var response = await emulator.Client.PostAsJsonAsync("_emulator/faults", new { pathPattern = "*", kind = "busy", status = 503 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AnEndpointWriteWithAnLroRetryableErrorFaultEndsFailedNamingItsSubnetAndSucceedsWhenSentAgain()
    {
        await using var emulator = await StartAsync();
        await FaultAsync(emulator, new { method = "PUT", pathPattern = "*/privateEndpoints/pe1", kind = "lroRetryableError" });
        var subnetId = emulator.SubnetId("vnet", "endpoints");

        using var accepted = await emulator.PutAsync(Network(emulator.EndpointId("pe1")), Endpoint(subnetId, emulator.CacheId("cache1")));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        using var polled = await emulator.FollowAsync(accepted.Header("Azure-AsyncOperation")!);
        var body = await polled.JsonAsync();

        Assert.Equal("Failed", (string)body["status"]!);
        Assert.Equal("RetryableError", (string)body["error"]!["code"]!);
        Assert.Equal("A retryable error occurred.", (string)body["error"]!["message"]!);
        var detail = body["error"]!["details"]!.AsArray().Single()!;
        Assert.Equal("ReferencedResourceNotProvisioned", (string)detail["code"]!);
        Assert.Equal($"Cannot proceed with operation because resource {subnetId} used by resource {emulator.EndpointId("pe1")} is not in Succeeded state. Resource is in Updating state and the last operation that updated/is updating the resource is PutSubnetOperation.", (string)detail["message"]!);

        await emulator.PutOkAsync(Network(emulator.EndpointId("pe1")), Endpoint(subnetId, emulator.CacheId("cache1")));
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        var endpoint = await emulator.GetOkAsync(Network(emulator.EndpointId("pe1")));
        Assert.Equal("Succeeded", endpoint.Text("provisioningState"));
    }

    [Fact]
    public async Task ANotFoundAfterCreateFaultAnswers404ToTheFirstReadsOfANewResourceOnly()
    {
        await using var emulator = await StartAsync();
        await FaultAsync(emulator, new { pathPattern = "*/privateEndpoints/*", kind = "notFoundAfterCreate", count = 2 });
        var path = Network(emulator.EndpointId("pe1"));

        using var before = await emulator.GetAsync(path);
        await emulator.PutOkAsync(path, Endpoint(emulator.SubnetId("vnet", "endpoints"), emulator.CacheId("cache1")));
        using var first = await emulator.GetAsync(path);
        using var second = await emulator.GetAsync(path);
        using var third = await emulator.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        var error = (await first.JsonAsync())["error"]!;
        Assert.Equal("ResourceNotFound", (string)error["code"]!);
        Assert.Equal("The Resource 'Microsoft.Network/privateEndpoints/pe1' under resource group 'rg' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix", (string)error["message"]!);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task ANotFoundAfterCreateFaultLeavesReadsOfResourcesThatAlreadyExistedAlone()
    {
        await using var emulator = await StartAsync();
        await FaultAsync(emulator, new { pathPattern = "*/virtualNetworks/vnet", kind = "notFoundAfterCreate" });
        await emulator.PutOkAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("endpoints", "10.0.1.0/24")));

        using var read = await emulator.GetAsync(Network(emulator.VnetId("vnet")));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private static async Task FaultAsync(TestEmulator emulator, object fault)
    {
        using var response = await emulator.Client.PostAsJsonAsync("_emulator/faults", fault);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>A provisioned VNet and cache; the clock then drives only what the test writes.</summary>
    private static async Task<TestEmulator> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        await emulator.PutOkAsync(Network(emulator.VnetId("vnet")), Vnet("eastus", "10.0.0.0/16", ("endpoints", "10.0.1.0/24")));
        await emulator.PutOkAsync(Redis(emulator.CacheId("cache1")), new { location = "eastus" });
        emulator.Clock.Advance(TimeSpan.FromMinutes(30));
        return emulator;
    }
}

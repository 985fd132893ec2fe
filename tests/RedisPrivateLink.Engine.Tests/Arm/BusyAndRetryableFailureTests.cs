using System;
using System.Linq;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

/// <summary>
/// Azure's ways of saying "not now" — a busy resource, an operation that failed as retryable, a new resource not yet
/// replicated to the region that serves the read — each sent again, within bounds; and what only looks like them, not.
/// </summary>
public class BusyAndRetryableFailureTests : GatewayTestBase
{
    private static readonly ResourceId Cache = ResourceId.ForResource(Subscription, "rg1", "Microsoft.Cache/redis", "cache1");
    private static readonly ResourceId Subnet = ResourceId.Parse($"/subscriptions/{Subscription}/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/endpoints");
    private static readonly ResourceId Endpoint = ResourceId.ForResource(Subscription, "rg1", "Microsoft.Network/privateEndpoints", "pe1");
    private static readonly string Export = Cache + "/export";
    private static readonly string Operation = Arm + $"/subscriptions/{Subscription}/providers/Microsoft.Network/locations/eastus/operations/op1?api-version={TestApiVersions.Network}";

    /// <summary>Network's 409 (microsoft/AzureTRE#3193), its 429 (pulumi/pulumi-azure-native#3720), Redis's 409 (Azure/bicep#11465).</summary>
    private const string NetworkBusy409 = """{"error":{"code":"AnotherOperationInProgress","message":"Another operation on this or dependent resource is in progress. To retrieve status of the operation use uri: https://management.azure.com/subscriptions/s/providers/Microsoft.Network/locations/eastus/operations/7fb24a45?api-version=2024-05-01.","details":[]}}""";
    private const string NetworkBusy429 = """{"error":{"code":"RetryableError","message":"A retryable error occurred.","details":[{"code":"RetryableErrorDueToAnotherOperation","message":"Operation PutSubnetOperation (1b2c) is updating resource /subscriptions/s/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1. The call can be retried in 14 seconds."}]}}""";
    private const string RedisBusy409 = """{"error":{"code":"Conflict","message":"The resource '/subscriptions/s/resourceGroups/rg1/providers/Microsoft.Cache/Redis/cache1' is busy processing a previous update request or is undergoing system maintenance. As such, it is currently unable to accept the update request. Please try again later.\r\nRequestID=5d1c"}}""";
    private const string LinkConflict409 = """{"error":{"code":"Conflict","message":"A virtual network cannot be linked to multiple zones with overlapping namespaces. You tried to link virtual network with 'privatelink.redis.cache.windows.net' and 'redis.cache.windows.net' zones."}}""";

    private const string RetryableFailure = """{"status":"Failed","error":{"code":"RetryableError","message":"A retryable error occurred.","details":[{"code":"ReferencedResourceNotProvisioned","message":"Cannot proceed with operation because resource /subscriptions/s/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/endpoints used by resource /subscriptions/s/resourceGroups/rg1/providers/Microsoft.Network/privateEndpoints/pe1 is not in Succeeded state. Resource is in Updating state and the last operation that updated/is updating the resource is PutSubnetOperation."}]}}""";

    private const string SucceededSubnet = """{"id":"/x","name":"endpoints","properties":{"provisioningState":"Succeeded","addressPrefix":"10.0.1.0/24"}}""";
    private const string SucceededEndpoint = """{"id":"/x","name":"pe1","properties":{"provisioningState":"Succeeded"}}""";

    [Theory]
    [InlineData(409, NetworkBusy409)]
    [InlineData(429, NetworkBusy429)]
    [InlineData(409, RedisBusy409)]
    public async Task EachBusyAnswerToAWriteIsRetriedUntilItSucceeds(int status, string body)
    {
        var transport = new FakeTransport(Json(status, body), Json(status, body), Json(200, SucceededSubnet));

        var subnet = await CreateGateway(transport).PutAsync(Subnet, new Subnet());

        Assert.Equal("endpoints", subnet.Name);
        Assert.Equal(3, transport.Requests.Count);
        Assert.Contains(Reporter.VerboseLines, l => l.StartsWith("Retrying PUT", StringComparison.Ordinal) && l.Contains($"status {status}"));
    }

    [Fact]
    public async Task ABusyAnswerWithRetryAfterIsRetriedAfterIt()
    {
        var transport = new FakeTransport(Json(409, NetworkBusy409, ("Retry-After", "14")), Json(200, SucceededSubnet));

        await CreateGateway(transport).PatchAsync<Subnet>(Subnet, new { properties = new { } });

        Assert.Equal(TimeSpan.FromSeconds(14), Waits.Single());
        Assert.Contains(Reporter.VerboseLines, l => l.Contains("busy with another operation"));
    }

    [Fact]
    public async Task ADeleteRefusedAsBusyIsRetried()
    {
        var transport = new FakeTransport(Json(409, NetworkBusy409), new FakeResponse(200));

        Assert.True(await CreateGateway(transport).DeleteAsync(Endpoint));
        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task AResourceThatStaysBusyStopsAtTheRetryLimitWithItsError()
    {
        var transport = new FakeTransport(_ => Json(409, RedisBusy409));

        var ex = await Assert.ThrowsAsync<ArmException>(() => CreateGateway(transport).PatchAsync<RedisCache>(Cache, new { properties = new { } }));

        Assert.Equal("Conflict", ex.Code);
        Assert.Equal(7, transport.Requests.Count);
    }

    [Theory]
    [InlineData(LinkConflict409)]
    [InlineData("""{"error":{"code":"Conflict","message":"Cannot delete zone: it has virtual network links."}}""")]
    [InlineData("""{"error":{"code":"NameNotAvailable","message":"The name cache1 is already in use."}}""")]
    public async Task AConflictThatIsNotBusyIsNotRetried(string body)
    {
        var transport = new FakeTransport(Json(409, body), Json(200, SucceededSubnet));

        var ex = await Assert.ThrowsAsync<ArmException>(() => CreateGateway(transport).PutAsync(Subnet, new Subnet()));

        Assert.Equal(409, ex.Status);
        Assert.Single(transport.Requests);
        Assert.Empty(Waits);
    }

    [Fact]
    public async Task AnExportRefusedAsBusyIsSentAgainBecauseItNeverStarted()
    {
        var transport = new FakeTransport(Json(409, RedisBusy409), new FakeResponse(202));

        var response = await CreateGateway(transport).PostActionAsync(Export, new { prefix = "p" }, waitForCompletion: false);

        Assert.Equal(202, response.Status);
        Assert.Equal(2, transport.Requests.Count);
    }

    [Fact]
    public async Task AnExportRefusedWithAConflictThatIsNotBusyIsNotSentAgain()
    {
        var transport = new FakeTransport(Json(409, """{"error":{"code":"Conflict","message":"An export is not allowed on a cache with persistence disabled."}}"""), new FakeResponse(202));

        await Assert.ThrowsAsync<ArmException>(() => CreateGateway(transport).PostActionAsync(Export, new { prefix = "p" }, waitForCompletion: false));

        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task AnEndpointWhoseOperationFailsAsRetryableIsSentAgainAfterABackOffAndSucceeds()
    {
        var transport = new FakeTransport(
            Json(201, SucceededEndpoint.Replace("Succeeded", "Updating"), ("Azure-AsyncOperation", Operation)),
            Json(200, RetryableFailure),
            Json(200, SucceededEndpoint.Replace("Succeeded", "Updating"), ("Azure-AsyncOperation", Operation)),
            Json(200, """{"status":"Succeeded"}"""),
            Json(200, SucceededEndpoint));

        var endpoint = await CreateGateway(transport).PutAsync(Endpoint, new PrivateEndpoint());

        Assert.Equal("Succeeded", endpoint.Properties!.ProvisioningState);
        Assert.Equal(new[] { "PUT", "GET", "PUT", "GET", "GET" }, transport.Requests.Select(r => r.Method));
        Assert.Contains(Reporter.VerboseLines, l => l.StartsWith("Sending PUT", StringComparison.Ordinal) && l.Contains("ReferencedResourceNotProvisioned") && l.Contains("resend 1 of 3"));
    }

    [Fact]
    public async Task AnOperationThatKeepsFailingAsRetryableStopsAfterTheBoundWithItsError()
    {
        var transport = new FakeTransport(request => request.Method == "PUT"
            ? Json(201, "{}", ("Azure-AsyncOperation", Operation))
            : Json(200, RetryableFailure));

        var ex = await Assert.ThrowsAsync<ArmException>(() => CreateGateway(transport).PutAsync(Endpoint, new PrivateEndpoint()));

        Assert.Equal("RetryableError", ex.Code);
        Assert.Equal("ReferencedResourceNotProvisioned", ex.Details.Single().Code);
        Assert.Equal(4, transport.Requests.Count(r => r.Method == "PUT"));
    }

    [Fact]
    public async Task AnOperationThatFailsForAnotherReasonIsNotSentAgain()
    {
        var transport = new FakeTransport(
            Json(201, "{}", ("Azure-AsyncOperation", Operation)),
            Json(200, """{"status":"Failed","error":{"code":"InternalServerError","message":"It broke."}}"""));

        var ex = await Assert.ThrowsAsync<ArmException>(() => CreateGateway(transport).PutAsync(Endpoint, new PrivateEndpoint()));

        Assert.Equal("InternalServerError", ex.Code);
        Assert.Single(transport.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task ANewResourceThatReads404WhileARMReplicatesIsReadAgainAtThePollIntervalUntilFound()
    {
        var notFound = """{"error":{"code":"ResourceNotFound","message":"The Resource 'Microsoft.Network/privateEndpoints/pe1' under resource group 'rg1' was not found."}}""";
        var transport = new FakeTransport(
            Json(201, "{}", ("Azure-AsyncOperation", Operation)),
            Json(200, """{"status":"Succeeded"}"""),
            Json(404, notFound),
            Json(404, notFound),
            Json(200, SucceededEndpoint));

        var endpoint = await CreateGateway(transport).PutAsync(Endpoint, new PrivateEndpoint());

        Assert.Equal("pe1", endpoint.Name);
        Assert.Equal(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) }, Waits);
        Assert.Contains(Reporter.VerboseLines, l => l.Contains("answered 404 though this run created it"));
    }

    [Fact]
    public async Task ACacheCreatedWithoutWaitingIsFoundByALaterReadThatFirstAnswers404()
    {
        var creating = """{"id":"/x","name":"cache1","properties":{"provisioningState":"Creating"}}""";
        var transport = new FakeTransport(Json(201, creating), Json(404, "{}"), Json(200, creating));
        var gateway = CreateGateway(transport);
        await gateway.PutAsync(Cache, new RedisCache(), waitForCompletion: false);

        var cache = await gateway.GetAsync<RedisCache>(Cache);

        Assert.Equal("Creating", cache!.Properties!.ProvisioningState);
        Assert.Equal(TimeSpan.FromSeconds(15), Waits.Single());
    }

    [Fact]
    public async Task ANewResourceThatStays404IsReportedMissingAfterTheBoundAndAtOnceAfterThat()
    {
        var transport = new FakeTransport(request => request.Method == "PUT" ? Json(201, SucceededEndpoint) : Json(404, "{}"));
        var gateway = CreateGateway(transport);
        await gateway.PutAsync(Endpoint, new PrivateEndpoint(), waitForCompletion: false);

        Assert.Null(await gateway.GetAsync<PrivateEndpoint>(Endpoint));
        Assert.Equal(6, transport.Requests.Count(r => r.Method == "GET"));

        Assert.Null(await gateway.GetAsync<PrivateEndpoint>(Endpoint));
        Assert.Equal(7, transport.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task A404OnAResourceThisRunDidNotCreateIsReportedAtOnce()
    {
        var transport = new FakeTransport(request => request.Method == "PUT" ? Json(201, SucceededEndpoint) : Json(404, "{}"));
        var gateway = CreateGateway(transport);
        await gateway.PutAsync(Endpoint, new PrivateEndpoint(), waitForCompletion: false);

        Assert.Null(await gateway.GetAsync<RedisCache>(Cache));
        Assert.Single(transport.Requests, r => r.Method == "GET");
        Assert.Empty(Waits);
    }

    [Fact]
    public async Task A404AfterThisRunDeletedTheResourceIsReportedAtOnce()
    {
        var transport = new FakeTransport(request => request.Method switch
        {
            "PUT" => Json(201, SucceededEndpoint),
            "DELETE" => new FakeResponse(200),
            _ => Json(404, "{}"),
        });
        var gateway = CreateGateway(transport);
        await gateway.PutAsync(Endpoint, new PrivateEndpoint(), waitForCompletion: false);
        await gateway.DeleteAsync(Endpoint);

        Assert.Null(await gateway.GetAsync<PrivateEndpoint>(Endpoint));
        Assert.Single(transport.Requests, r => r.Method == "GET");
    }
}

using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

public class ArmGatewayTests : GatewayTestBase
{
    private static readonly ResourceId Cache = ResourceId.ForResource(Subscription, "rg1", "Microsoft.Cache/redis", "cache1");
    private static readonly ResourceId Endpoint = ResourceId.ForResource(Subscription, "rg1", "Microsoft.Network/privateEndpoints", "testPe");
    private static readonly ResourceId Zone = ResourceId.ForResource(Subscription, "rg1", "Microsoft.Network/privateDnsZones", "privatelink.redis.cache.windows.net");

    [Fact]
    public async Task WaitingToPollAgainTakesTheServicesIntervalThroughTheDelayHook()
    {
        using var gateway = CreateGateway(new FakeTransport());
        var cache = ResourceId.Parse($"/subscriptions/{Subscription}/resourceGroups/rg/providers/Microsoft.Cache/redis/c1");
        var endpoint = ResourceId.Parse($"/subscriptions/{Subscription}/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe1");

        await gateway.WaitToPollAgainAsync(cache);
        await gateway.WaitToPollAgainAsync(endpoint);

        Assert.Equal(new[] { TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(2) }, Waits);
    }

    [Fact]
    public async Task GetSendsPinnedApiVersionAndBearerTokenAndReadsTheModel()
    {
        var transport = new FakeTransport(Json(200, SharedData.ExampleResponse("Microsoft.Cache/RedisCacheGet.json", "200").GetRawText()));
        var cache = await CreateGateway(transport).GetAsync<RedisCache>(Cache);

        Assert.Equal("Enabled", cache!.Properties!.PublicNetworkAccess);
        var request = Assert.Single(transport.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal($"/subscriptions/{Subscription}/resourceGroups/rg1/providers/Microsoft.Cache/redis/cache1", request.Path);
        Assert.Equal(TestApiVersions.Redis, request.ApiVersion);
        Assert.Equal("Bearer test-token", request.Headers["Authorization"]);
        Assert.Equal("https://management.azure.com/.default", Credential.LastScope);
    }

    [Fact]
    public async Task GetAnswersNullOn404()
    {
        var transport = new FakeTransport(Json(404, """{"error":{"code":"ResourceNotFound","message":"gone"}}"""));
        Assert.Null(await CreateGateway(transport).GetAsync<RedisCache>(Cache));
    }

    [Fact]
    public async Task ErrorBodyBecomesArmExceptionWithEveryField()
    {
        var transport = new FakeTransport(new FakeResponse(400,
            """{"error":{"code":"PrivateEndpointCannotBeCreatedInSubnetThatHasNetworkPoliciesEnabled","message":"Subnet has policies.","target":"subnet","details":[{"code":"Inner","message":"detail"}]}}""",
            ("x-ms-correlation-request-id", "1234"), ("x-ms-request-id", "req-9")));
        var ex = await Assert.ThrowsAsync<ArmException>(() => CreateGateway(transport).PutAsync(Endpoint, new PrivateEndpoint()));

        Assert.Equal(400, ex.Status);
        Assert.Equal("PrivateEndpointCannotBeCreatedInSubnetThatHasNetworkPoliciesEnabled", ex.Code);
        Assert.Equal("Subnet has policies.", ex.ArmMessage);
        Assert.Equal("subnet", ex.Target);
        Assert.Equal("Inner", Assert.Single(ex.Details).Code);
        Assert.Equal("1234", ex.CorrelationId);
        Assert.Equal("req-9", ex.RequestId);
        Assert.Equal($"PrivateEndpointCannotBeCreatedInSubnetThatHasNetworkPoliciesEnabled: Subnet has policies. (PUT {Endpoint}, 400, correlation 1234)", ex.Message);
    }

    [Fact]
    public async Task RedisPutSendsTheExampleShapeAndPollsTheResourceUntilSucceeded()
    {
        var created = SharedData.ExampleResponse("Microsoft.Cache/RedisCacheCreate.json", "201").GetRawText();
        var transport = new FakeTransport(
            Json(201, WithState(created, "Creating")),
            Json(200, WithState(created, "Creating")),
            Json(200, created));
        var request = SharedData.ExampleRequestParameters("Microsoft.Cache/RedisCacheCreate.json").GetProperty("parameters").GetRawText();
        var cache = ArmJson.Deserialize<RedisCache>(request)!;

        var result = await CreateGateway(transport).PutAsync(Cache, cache);

        Assert.Equal("Succeeded", result.Properties!.ProvisioningState);
        var put = transport.Requests.First();
        Assert.Equal("PUT", put.Method);
        Assert.Equal(TestApiVersions.Redis, put.ApiVersion);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(request), JsonNode.Parse(put.Body!)), put.Body);
        Assert.Equal(new[] { "PUT", "GET", "GET" }, transport.Requests.Select(r => r.Method));
        Assert.Equal(new[] { TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15) }, Waits);
        Assert.Contains(Reporter.ProgressUpdates, p => p.Status.StartsWith("Creating", StringComparison.Ordinal) && p.Activity.Contains("cache1"));
        Assert.True(Reporter.ProgressUpdates.Last().Completed);
    }

    [Fact]
    public async Task PrivateEndpointPutFollowsAzureAsyncOperationThenReadsTheResource()
    {
        const string operation = $"https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Network/locations/eastus/operations/abc?api-version={TestApiVersions.Network}";
        var body = SharedData.ExampleResponse("Microsoft.Network/PrivateEndpointCreate.json", "201").GetRawText();
        var transport = new FakeTransport(
            Json(201, WithState(body, "Updating"), ("Azure-AsyncOperation", operation), ("Retry-After", "10")),
            Json(200, """{"status":"InProgress"}"""),
            Json(200, """{"status":"Succeeded"}"""),
            Json(200, body));
        var request = SharedData.ExampleRequestParameters("Microsoft.Network/PrivateEndpointCreate.json").GetProperty("parameters").GetRawText();
        var gateway = CreateGateway(transport);

        var endpoint = await gateway.PutAsync(Endpoint, ArmJson.Deserialize<PrivateEndpoint>(request)!);

        Assert.Equal("Succeeded", endpoint.Properties!.ProvisioningState);
        var sent = transport.Requests.ToArray();
        Assert.Equal(TestApiVersions.Network, sent[0].ApiVersion);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(request), JsonNode.Parse(sent[0].Body!)), sent[0].Body);
        Assert.Equal(new Uri(operation), sent[1].Uri);
        Assert.Equal(Endpoint.ToString(), sent[3].Path);
        Assert.Equal(new[] { TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2) }, Waits);
        Assert.Equal((1, 2, 1), (gateway.Counters.Writes, gateway.Counters.Polls, gateway.Counters.Reads));
    }

    [Fact]
    public async Task PrivateDnsPutPollsOperationStatusesThatAnswer202WhileRunning()
    {
        var calls = SharedData.RecordedCalls("azure-sdk-for-java_PrivateLinkTests.testPrivateEndpointE2E").Take(3).ToArray();
        var asyncOperation = calls[0].ResponseHeaders["Azure-AsyncOperation"].Replace(":443", string.Empty);
        var location = calls[0].ResponseHeaders["Location"].Replace("http://localhost:1234", Arm);
        var transport = new FakeTransport(
            Json(202, "{}", ("Azure-AsyncOperation", asyncOperation), ("Location", location), ("Retry-After", "0")),
            Json(202, """{"status":"InProgress"}"""),
            Json(200, calls[1].ResponseBody!),
            Json(200, calls[2].ResponseBody!));

        var zone = await CreateGateway(transport).PutAsync(Zone, new PrivateDnsZone { Location = "global" });

        Assert.Equal("Succeeded", zone.Properties!.ProvisioningState);
        var sent = transport.Requests.ToArray();
        Assert.Equal(TestApiVersions.PrivateDns, sent[0].ApiVersion);
        Assert.Equal(new Uri(asyncOperation), sent[1].Uri);
        Assert.Equal(sent[1].Uri, sent[2].Uri);
        Assert.Equal(Zone.ToString(), sent[3].Path);
    }

    [Fact]
    public async Task PatchWithAsyncOperationReturnsTheFinalStateNotTheOldValue()
    {
        var patch = SharedData.RecordedCalls("azure-cli_test_redis_cache_update").Single();
        var final = WithPublicNetworkAccess(patch.ResponseBody!, "Disabled");
        var transport = new FakeTransport(
            Json(202, patch.ResponseBody!, ("Azure-AsyncOperation", patch.ResponseHeaders["azure-asyncoperation"]), ("Location", patch.ResponseHeaders["location"])),
            Json(200, """{"status":"InProgress","startTime":null,"percentComplete":null,"error":null}"""),
            Json(200, """{"status":"Succeeded","startTime":null,"percentComplete":null,"properties":null,"error":null}"""),
            Json(200, final));

        var cache = await CreateGateway(transport).PatchAsync<RedisCache>(Cache, new { properties = new { publicNetworkAccess = "Disabled" } });

        Assert.Equal("Disabled", cache.Properties!.PublicNetworkAccess);
        var sent = transport.Requests.ToArray();
        Assert.Equal("PATCH", sent[0].Method);
        Assert.Equal("""{"properties":{"publicNetworkAccess":"Disabled"}}""", sent[0].Body);
        Assert.Equal(patch.ResponseHeaders["azure-asyncoperation"], sent[1].Uri.OriginalString);
        Assert.Equal(new[] { TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15) }, Waits);
    }

    [Fact]
    public async Task NoWaitReturnsTheAcceptedStateWithoutPolling()
    {
        var patch = SharedData.RecordedCalls("azure-cli_test_redis_cache_update").Single();
        var transport = new FakeTransport(Json(202, patch.ResponseBody!, ("Azure-AsyncOperation", patch.ResponseHeaders["azure-asyncoperation"])));
        var cache = await CreateGateway(transport).PatchAsync<RedisCache>(Cache, new { }, waitForCompletion: false);
        Assert.Equal("Updating", cache.Properties!.ProvisioningState);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task NoWaitOnAnEmptyAcceptedBodyDescribesTheResourceFromItsId()
    {
        var transport = new FakeTransport(Json(202, "{}", ("Azure-AsyncOperation", Arm + "/subscriptions/s/resourceGroups/rg1/providers/Microsoft.Network/privateDnsOperationStatuses/x")));
        var zone = await CreateGateway(transport).PutAsync(Zone, new PrivateDnsZone { Location = "global" }, waitForCompletion: false);
        Assert.Equal(Zone.ToString(), zone.Id);
        Assert.Equal("privatelink.redis.cache.windows.net", zone.Name);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task FailedAsyncOperationThrowsItsError()
    {
        var transport = new FakeTransport(
            Json(201, "{}", ("Azure-AsyncOperation", Arm + "/subscriptions/s/providers/Microsoft.Network/locations/eastus/operations/x")),
            Json(200, """{"status":"Failed","error":{"code":"InternalServerError","message":"It broke."}}"""));
        var ex = await Assert.ThrowsAsync<ArmException>(() => CreateGateway(transport).PutAsync(Endpoint, new PrivateEndpoint()));
        Assert.Equal("InternalServerError", ex.Code);
        Assert.Equal("It broke.", ex.ArmMessage);
    }

    [Fact]
    public async Task FailedProvisioningStateThrows()
    {
        var created = SharedData.ExampleResponse("Microsoft.Cache/RedisCacheCreate.json", "201").GetRawText();
        var transport = new FakeTransport(Json(201, WithState(created, "Creating")), Json(200, WithState(created, "Failed")));
        var ex = await Assert.ThrowsAsync<ArmException>(() => CreateGateway(transport).PutAsync(Cache, new RedisCache()));
        Assert.Equal("ProvisioningFailed", ex.Code);
    }

    [Fact]
    public async Task DeleteFollowsLocationUntilItStopsAnswering202()
    {
        var location = Arm + $"/subscriptions/s/providers/Microsoft.Cache/locations/East%20US/operationResults/x?api-version={TestApiVersions.Redis}";
        var transport = new FakeTransport(Json(202, "", ("Location", location)), Json(202, ""), new FakeResponse(204));
        Assert.True(await CreateGateway(transport).DeleteAsync(Cache));
        Assert.Equal(new[] { "DELETE", "GET", "GET" }, transport.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task DeleteOfAMissingResourceAnswersFalse()
    {
        var gateway = CreateGateway(new FakeTransport(new FakeResponse(204)));
        Assert.True(await gateway.DeleteAsync(Cache));
        Assert.False(await CreateGateway(new FakeTransport(Json(404, "{}"))).DeleteAsync(Cache));
        Assert.Equal(1, gateway.Counters.Deletes);
    }

    [Fact]
    public async Task PollsWaitTheMillisecondsRetryAfterMsAsksForBeforeRetryAfter()
    {
        const string operation = $"https://management.azure.com/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Network/locations/eastus/operations/abc?api-version={TestApiVersions.Network}";
        var body = SharedData.ExampleResponse("Microsoft.Network/PrivateEndpointCreate.json", "201").GetRawText();
        var transport = new FakeTransport(
            Json(201, WithState(body, "Updating"), ("Azure-AsyncOperation", operation), ("Retry-After", "0"), ("retry-after-ms", "167")),
            Json(200, """{"status":"InProgress"}""", ("Retry-After", "0"), ("retry-after-ms", "40")),
            Json(200, """{"status":"Succeeded"}"""),
            Json(200, body));
        var request = SharedData.ExampleRequestParameters("Microsoft.Network/PrivateEndpointCreate.json").GetProperty("parameters").GetRawText();

        await CreateGateway(transport).PutAsync(Endpoint, ArmJson.Deserialize<PrivateEndpoint>(request)!);

        Assert.Equal(new[] { TimeSpan.FromMilliseconds(167), TimeSpan.FromMilliseconds(40) }, Waits);
    }

    [Fact]
    public async Task ThrottlingIsRetriedAfterRetryAfter()
    {
        var transport = new FakeTransport(
            Json(429, """{"error":{"code":"SubscriptionRequestsThrottled","message":"slow down"}}""", ("Retry-After", "7")),
            Json(500, """{"error":{"code":"InternalServerError","message":"oops"}}"""),
            Json(200, """{"id":"/subscriptions/s/resourceGroups/rg1","name":"rg1","properties":{"provisioningState":"Succeeded"}}"""));
        var gateway = CreateGateway(transport);

        var group = await gateway.GetAsync<ResourceGroup>(ResourceId.ForResourceGroup(Subscription, "rg1"));

        Assert.Equal("rg1", group!.Name);
        Assert.Equal(3, transport.Requests.Count);
        Assert.Equal(TestApiVersions.ResourceGroups, transport.Requests.First().ApiVersion);
        Assert.Equal(TimeSpan.FromSeconds(7), Waits[0]);
        Assert.InRange(Waits[1], TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(2.4));
        Assert.Equal(1, gateway.Counters.Throttled);
        Assert.Equal(3, gateway.Counters.Reads);
        Assert.Contains(Reporter.VerboseLines, l => l.StartsWith("Retrying GET", StringComparison.Ordinal) && l.Contains("status 429"));
    }

    [Fact]
    public async Task RetriesStopAtTheLimitAndTheErrorSurfaces()
    {
        var transport = new FakeTransport(_ => Json(503, """{"error":{"code":"ServiceUnavailable","message":"down"}}"""));
        var ex = await Assert.ThrowsAsync<ArmException>(() => CreateGateway(transport).GetAsync<RedisCache>(Cache));
        Assert.Equal(503, ex.Status);
        Assert.Equal(7, transport.Requests.Count);
    }

    [Fact]
    public async Task ListFollowsNextLinkAndPagesStreamOneAtATime()
    {
        var next = Arm + $"/subscriptions/s/providers/Microsoft.Cache/redis?api-version={TestApiVersions.Redis}&$skiptoken=abc";
        var transport = new FakeTransport(request => request.Uri.Query.Contains("skiptoken")
            ? Json(200, """{"value":[{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/Redis/c2","name":"c2"}]}""")
            : Json(200, $$"""{"value":[{"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/Redis/c1","name":"c1"}],"nextLink":"{{next}}"}"""));
        var gateway = CreateGateway(transport);

        var all = await gateway.ListAsync<RedisCache>($"/subscriptions/{Subscription}/providers/Microsoft.Cache/redis");
        Assert.Equal(new[] { "c1", "c2" }, all.Select(c => c.Name));
        Assert.Equal(next, transport.Requests.Last().Uri.OriginalString);

        var pageSizes = new System.Collections.Generic.List<int>();
        await gateway.ForEachPageAsync<RedisCache>($"/subscriptions/{Subscription}/providers/Microsoft.Cache/redis", (page, _) =>
        {
            pageSizes.Add(page.Count);
            return Task.CompletedTask;
        });
        Assert.Equal(new[] { 1, 1 }, pageSizes);
    }

    [Fact]
    public async Task CancellationStopsPollingPromptly()
    {
        using var cancellation = new CancellationTokenSource();
        var polls = 0;
        var transport = new FakeTransport(request => request.Method == "PUT"
            ? Json(201, """{"properties":{"provisioningState":"Creating"}}""")
            : Json(200, """{"properties":{"provisioningState":"Creating"}}"""));
        var gateway = CreateGateway(transport, (_, token) =>
        {
            if (++polls < 3)
            {
                return Task.CompletedTask;
            }

            cancellation.CancelAfter(TimeSpan.FromMilliseconds(50));
            return Task.Delay(TimeSpan.FromMinutes(5), token);
        });

        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gateway.PutAsync(Cache, new RedisCache(), cancellationToken: cancellation.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.Equal(2, gateway.Counters.Polls);
    }

    [Fact]
    public async Task PostActionReturnsTheResponseAndCheckNameAvailabilityUsesTheRedisVersion()
    {
        var transport = new FakeTransport(new FakeResponse(200));
        var response = await CreateGateway(transport).PostActionAsync($"/subscriptions/{Subscription}/providers/Microsoft.Cache/CheckNameAvailability", new { type = "Microsoft.Cache/Redis", name = "cacheName" });
        Assert.Equal(200, response.Status);
        var request = Assert.Single(transport.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(TestApiVersions.Redis, request.ApiVersion);
        Assert.Equal("""{"type":"Microsoft.Cache/Redis","name":"cacheName"}""", request.Body);
    }

    [Fact]
    public async Task PostActionWaitsForLocationResult()
    {
        var location = Arm + "/subscriptions/s/providers/Microsoft.Cache/locations/x/operationResults/1";
        var transport = new FakeTransport(Json(202, "", ("Location", location)), Json(202, ""), Json(200, """{"done":true}"""));
        var response = await CreateGateway(transport).PostActionAsync(Cache + "/export", new { format = "RDB" });
        Assert.Equal("""{"done":true}""", response.Content);
    }

    [Fact]
    public async Task OperationUrlOnAnotherHostIsRefusedBeforeAnyTokenLeaves()
    {
        var transport = new FakeTransport(Json(201, "{}", ("Azure-AsyncOperation", "https://evil.example/steal")));
        var ex = await Assert.ThrowsAsync<ArmException>(() => CreateGateway(transport).PutAsync(Endpoint, new PrivateEndpoint()));
        Assert.Equal("UntrustedOperationUrl", ex.Code);
        Assert.Single(transport.Requests);
    }

    [Fact]
    public async Task VerboseNamesEachCallAndDebugRedactsSecrets()
    {
        var transport = new FakeTransport(Json(200, """{"primaryKey":"p-secret","secondaryKey":"s-secret"}"""));
        await CreateGateway(transport).PostActionAsync(Cache + "/listKeys", null);

        var line = Assert.Single(Reporter.VerboseLines);
        Assert.Matches(@$"^POST /subscriptions/.+/redis/cache1/listKeys\?api-version={TestApiVersions.Redis} -> 200 OK in \d+ ms \(correlation corr-200\)$", line);
        var debug = string.Join("\n", Reporter.DebugLines);
        Assert.DoesNotContain("p-secret", debug);
        Assert.DoesNotContain("s-secret", debug);
        Assert.DoesNotContain("test-token", debug);
        Assert.Contains("Authorization: ***REDACTED***", debug);
    }

    [Fact]
    public async Task SubscriptionsUseTheirApiVersion()
    {
        var transport = new FakeTransport(
            Json(200, """{"value":[{"id":"/subscriptions/a","subscriptionId":"a","displayName":"One","tenantId":"t","state":"Enabled"}]}"""),
            Json(200, """{"id":"/subscriptions/a","subscriptionId":"a","displayName":"One","tenantId":"t","state":"Enabled"}"""));
        var gateway = CreateGateway(transport);
        Assert.Equal("One", Assert.Single(await gateway.ListSubscriptionsAsync()).DisplayName);
        Assert.Equal("t", (await gateway.GetSubscriptionAsync("a"))!.TenantId);
        Assert.All(transport.Requests, r => Assert.Equal(TestApiVersions.Subscriptions, r.ApiVersion));
        Assert.Equal("/subscriptions", transport.Requests.First().Path);
    }

    [Fact]
    public async Task SendAsyncPassesErrorsBackWithoutThrowing()
    {
        var transport = new FakeTransport(Json(409, """{"error":{"code":"Conflict","message":"no"}}"""));
        var response = await CreateGateway(transport).SendAsync(new ArmRequest(RequestMethod.Put, Cache.ToString()) { Body = new { }, ApiVersion = "2023-08-01" });
        Assert.Equal(409, response.Status);
        Assert.Equal("2023-08-01", transport.Requests.Single().ApiVersion);
    }

    [Fact]
    public void PathsWithTraversalOrQueryAreRefused()
    {
        var gateway = CreateGateway(new FakeTransport());
        Assert.Throws<ArgumentException>(() => gateway.ResourceUri("/subscriptions/s/../x"));
        Assert.Throws<ArgumentException>(() => gateway.ResourceUri("/subscriptions/s?x=1"));
        Assert.Equal($"https://management.azure.com/subscriptions/s/providers/Microsoft.Cache/locations/East%20US/asyncOperations/1?api-version={TestApiVersions.Redis}",
            gateway.ResourceUri("/subscriptions/s/providers/Microsoft.Cache/locations/East US/asyncOperations/1").AbsoluteUri);
    }

    private static string WithState(string json, string state)
    {
        var node = JsonNode.Parse(json)!;
        node["properties"]!["provisioningState"] = state;
        return node.ToJsonString();
    }

    private static string WithPublicNetworkAccess(string json, string value)
    {
        var node = JsonNode.Parse(json)!;
        node["properties"]!["publicNetworkAccess"] = value;
        node["properties"]!["provisioningState"] = "Succeeded";
        return node.ToJsonString();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.ManagedRedis;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>
/// Azure Managed Redis clusters (Microsoft.Cache/redisEnterprise 2025-07-01): the create, update and delete answers and
/// their operationsStatus polls, lists, name holds, faults and the state file.
/// </summary>
public sealed class ManagedRedisTests
{
    [Fact]
    public async Task CreateAnswers201CreatingWithAnAsyncOperationAndFinishesAfterThirtyMinutes()
    {
        await using var emulator = await StartAsync();

        using var created = await emulator.PutAsync(Amr(emulator.ClusterId("amr1")), Cluster());

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // Both headers, as every Managed Redis PUT in shared/recordings/additional.
        Assert.Equal(new Uri(emulator.Running.Endpoint, Amr(emulator.ClusterId("amr1")).TrimStart('/')), new Uri(created.Header("Location")!));
        var body = await created.JsonAsync();
        var example = Example("RedisEnterpriseCreate.json", "201");
        example.Remove("zones");
        // The example is a legacy (v1) cluster; a v2 cluster has no redisVersion (the 2026 recordings' cluster bodies).
        ((JsonObject)example["properties"]!).Remove("redisVersion");
        Assert.Null(body["properties"]!["redisVersion"]);
        Assert.Equal("None", (string)body["identity"]!["type"]!);
        Assert.Subset(KeysOf(body), KeysOf(example));
        Assert.Equal((string)example["type"]!, (string)body["type"]!);
        Assert.Equal($"{emulator.Group("rg")}/providers/Microsoft.Cache/redisEnterprise/amr1", (string)body["id"]!);
        Assert.Equal("East US", (string)body["location"]!);
        Assert.Equal("v2", (string)body["kind"]!);
        Assert.Equal("Balanced_B1", (string)body["sku"]!["name"]!);
        Assert.Null(body["sku"]!["capacity"]);
        Assert.Equal("Creating", body.Text("provisioningState"));
        Assert.Equal("Creating", body.Text("resourceState"));
        Assert.Equal("amr1.eastus.redis.azure.net", body.Text("hostName"));
        Assert.Equal("Disabled", body.Text("publicNetworkAccess"));
        Assert.Equal("Enabled", body.Text("highAvailability"));
        Assert.Equal("ZR", body.Text("redundancyMode"));
        Assert.Equal("1.2", body.Text("minimumTlsVersion"));
        Assert.Empty(body["properties"]!["privateEndpointConnections"]!.AsArray());

        var operation = created.Header("Azure-AsyncOperation")!;
        Assert.Contains($"/subscriptions/{emulator.Sub}/providers/Microsoft.Cache/locations/eastus/operationsStatus/", operation);
        var running = await emulator.StatusAsync(created);
        Assert.Equal(KeysOf(Example("OperationsStatusGet.json", "200")), KeysOf(running));
        Assert.Equal("InProgress", (string)running["status"]!);
        Assert.Equal("2026-01-15T09:00:00.000Z", (string)running["startTime"]!);
        // Set while running too (New-AzRedisEnterpriseCacheDatabase.Recording.json polls).
        Assert.Equal("2026-01-15T09:00:00.000Z", (string)running["endTime"]!);
        Assert.Equal(new Uri(operation).AbsolutePath, (string)running["id"]!);
        Assert.Equal(operation.Split('/')[^1].Split('?')[0], (string)running["name"]!);

        emulator.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("Creating", (await emulator.GetOkAsync(Amr(emulator.ClusterId("amr1")))).Text("resourceState"));

        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        var ready = await emulator.GetOkAsync(Amr(emulator.ClusterId("amr1")));
        Assert.Equal("Succeeded", ready.Text("provisioningState"));
        Assert.Equal("Running", ready.Text("resourceState"));
        var done = await emulator.StatusAsync(created);
        Assert.Equal("Succeeded", (string)done["status"]!);
        Assert.Equal("2026-01-15T09:30:00.000Z", (string)done["endTime"]!);
        Assert.Null(done["error"]);
    }

    [Fact]
    public async Task PatchOfPublicNetworkAccessAnswers202WithTheOldValueUntilTheUpdateFinishes()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateReadyAsync("amr1");

        using var patched = await emulator.SendAsync(HttpMethod.Patch, Amr(emulator.ClusterId("amr1")),
            new { properties = new { publicNetworkAccess = "Enabled" } });

        Assert.Equal(HttpStatusCode.Accepted, patched.StatusCode);
        var operation = patched.Header("Azure-AsyncOperation")!;
        Assert.Contains("/providers/Microsoft.Cache/locations/eastus/operationsStatus/", operation);
        Assert.Equal(operation, patched.Header("Location"));
        var answer = await patched.JsonAsync();
        Assert.Equal("Disabled", answer.Text("publicNetworkAccess"));
        Assert.Equal("Updating", answer.Text("provisioningState"));
        var during = await emulator.GetOkAsync(Amr(emulator.ClusterId("amr1")));
        Assert.Equal("Disabled", during.Text("publicNetworkAccess"));
        Assert.Equal("Updating", during.Text("resourceState"));
        using var busy = await emulator.SendAsync(HttpMethod.Patch, Amr(emulator.ClusterId("amr1")),
            new { properties = new { publicNetworkAccess = "Disabled" } });
        await busy.AssertErrorAsync(HttpStatusCode.Conflict, "Conflict");

        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        var after = await emulator.GetOkAsync(Amr(emulator.ClusterId("amr1")));
        Assert.Equal("Enabled", after.Text("publicNetworkAccess"));
        Assert.Equal("Running", after.Text("resourceState"));
        Assert.Equal("Succeeded", (string)(await emulator.StatusAsync(patched))["status"]!);
    }

    [Fact]
    public async Task PutOfAnExistingClusterAnswers200UpdatingWithTheNewValuesAsTheSpecShows()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateReadyAsync("amr1");

        using var updated = await emulator.PutAsync(Amr(emulator.ClusterId("amr1")), Cluster("Balanced_B5", publicNetworkAccess: "Enabled"));

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Contains("/providers/Microsoft.Cache/locations/eastus/operationsStatus/", updated.Header("Azure-AsyncOperation"));
        var body = await updated.JsonAsync();
        Assert.Equal("Balanced_B5", (string)body["sku"]!["name"]!);
        Assert.Equal("Enabled", body.Text("publicNetworkAccess"));
        Assert.Equal("Updating", body.Text("resourceState"));
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("Running", (await emulator.GetOkAsync(Amr(emulator.ClusterId("amr1")))).Text("resourceState"));
    }

    [Fact]
    public async Task APatchDerivesWhatAPutWouldAndAnOlderApiVersionCannotSetPublicNetworkAccess()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateReadyAsync("amr1");

        using var patched = await emulator.SendAsync(HttpMethod.Patch, Amr(emulator.ClusterId("amr1"), "2024-10-01"),
            new { sku = new { name = "balanced_b3" }, properties = new { highAvailability = "Disabled", publicNetworkAccess = "Enabled" } });
        Assert.Equal(HttpStatusCode.Accepted, patched.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));

        var cluster = await emulator.GetOkAsync(Amr(emulator.ClusterId("amr1")));
        Assert.Equal("Balanced_B3", (string)cluster["sku"]!["name"]!);
        Assert.Equal("Disabled", cluster.Text("highAvailability"));
        Assert.Equal("None", cluster.Text("redundancyMode"));
        Assert.Equal("Disabled", cluster.Text("publicNetworkAccess"));
        Assert.Equal("default", (string)(await emulator.GetOkAsync(Amr(emulator.DatabaseId("amr1"))))["name"]!);
    }

    [Fact]
    public async Task DeleteAnswers202AndTakesTheDatabaseAndConnectionsAlong()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateReadyAsync("amr1");
        var connectionId = $"{emulator.ClusterId("amr1")}/privateEndpointConnections/pe1.conn";
        await emulator.PutOkAsync(Amr(connectionId), new
        {
            properties = new { privateLinkServiceConnectionState = new { status = "Approved", description = "" } },
        });

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Amr(emulator.ClusterId("amr1")));

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Contains("/providers/Microsoft.Cache/locations/eastus/operationsStatus/", deleted.Header("Azure-AsyncOperation"));
        Assert.Equal(deleted.Header("Azure-AsyncOperation"), deleted.Header("Location"));
        Assert.Equal("Deleting", (await emulator.GetOkAsync(Amr(emulator.ClusterId("amr1")))).Text("resourceState"));
        emulator.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal("Succeeded", (string)(await emulator.StatusAsync(deleted))["status"]!);
        foreach (var id in new[] { emulator.ClusterId("amr1"), emulator.DatabaseId("amr1"), connectionId })
        {
            using var gone = await emulator.GetAsync(Amr(id));
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using var again = await emulator.SendAsync(HttpMethod.Delete, Amr(emulator.ClusterId("amr1")));
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task ResourceGroupDeleteTakesItsClusters()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateReadyAsync("amr1");

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, $"{emulator.Group("rg")}?api-version={TestApiVersions.ResourceGroups}");
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));

        var list = await emulator.GetOkAsync(Amr($"/subscriptions/{emulator.Sub}/providers/Microsoft.Cache/redisEnterprise"));
        Assert.Empty(list["value"]!.AsArray());
    }

    [Fact]
    public async Task ListsPageBySubscriptionAndByResourceGroup()
    {
        await using var emulator = await StartAsync(o => o.PageSize = 2);
        await emulator.CreateGroupAsync("other");
        await emulator.PutOkAsync(Amr(emulator.ClusterId("amr1")), Cluster());
        await emulator.PutOkAsync(Amr(emulator.ClusterId("amr2")), Cluster());
        await emulator.PutOkAsync(Amr(emulator.ClusterId("amr3", "other")), Cluster());

        var first = await emulator.GetOkAsync(Amr($"/subscriptions/{emulator.Sub}/providers/Microsoft.Cache/redisEnterprise"));
        Assert.Equal(["amr1", "amr2"], first["value"]!.AsArray().Select(c => (string)c!["name"]!));
        using var next = await emulator.FollowAsync((string)first["nextLink"]!);
        var second = await next.JsonAsync();
        Assert.Equal(["amr3"], second["value"]!.AsArray().Select(c => (string)c!["name"]!));
        Assert.Null(second["nextLink"]);

        var inOther = await emulator.GetOkAsync(Amr($"{emulator.Group("other")}/providers/Microsoft.Cache/redisEnterprise"));
        Assert.Equal("amr3", (string)Assert.Single(inOther["value"]!.AsArray())!["name"]!);
    }

    [Fact]
    public async Task ANameIsTakenByAClusterAnywhereAndHeldAfterItsDelete()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateGroupAsync("other");
        await emulator.CreateReadyAsync("amr1");

        using var elsewhere = await emulator.PutAsync(Amr(emulator.ClusterId("amr1", "other")), Cluster());
        await elsewhere.AssertErrorAsync(HttpStatusCode.Conflict, "NameNotAvailable");

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Amr(emulator.ClusterId("amr1")));
        emulator.Clock.Advance(TimeSpan.FromMinutes(10));
        using var held = await emulator.PutAsync(Amr(emulator.ClusterId("amr1", "other")), Cluster());
        await held.AssertErrorAsync(HttpStatusCode.Conflict, "NameNotAvailable");

        emulator.Clock.Advance(emulator.Options.NameReleaseDelay);
        using var released = await emulator.PutAsync(Amr(emulator.ClusterId("amr1", "other")), Cluster());
        Assert.Equal(HttpStatusCode.Created, released.StatusCode);

        // A classic cache lives under another DNS suffix, so it does not hold a Managed Redis name.
        await emulator.PutOkAsync($"{emulator.Group("rg")}/providers/Microsoft.Cache/redis/shared?api-version={TestApiVersions.Redis}",
            new { location = "eastus" });
        using var managed = await emulator.PutAsync(Amr(emulator.ClusterId("shared")), Cluster());
        Assert.Equal(HttpStatusCode.Created, managed.StatusCode);
    }

    [Fact]
    public async Task OlderApiVersionsCreateWithoutPublicNetworkAccessWhichThenReadsNull()
    {
        await using var emulator = await StartAsync();

        using var created = await emulator.PutAsync(Amr(emulator.ClusterId("legacyrule"), "2024-10-01"), Cluster(publicNetworkAccess: null));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await emulator.GetOkAsync(Amr(emulator.ClusterId("legacyrule")));
        Assert.True(body["properties"]!.AsObject().ContainsKey("publicNetworkAccess"));
        Assert.Null(body["properties"]!["publicNetworkAccess"]);
    }

    [Fact]
    public async Task AnUnknownApiVersionIsRefusedByArm()
    {
        await using var emulator = await StartAsync();

        using var refused = await emulator.PutAsync(Amr(emulator.ClusterId("amr1"), "2019-01-01"), Cluster());

        var message = await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "NoRegisteredProviderFound");
        Assert.Contains("'redisEnterprise'", message);
        Assert.Contains(TestApiVersions.RedisEnterprise, message);
    }

    [Theory]
    [InlineData("InsufficientCapacity")]
    [InlineData("AllocationFailed")]
    public async Task AnAllocationFailureEndsTheCreateFailedWithItsCodeAfterTheHostNameIsAssigned(string code)
    {
        await using var emulator = await StartAsync();
        using var fault = await emulator.Client.PostAsJsonAsync("_emulator/faults", new { method = "PUT", pathPattern = "*/redisEnterprise/amr1", kind = "allocationFailed", code });
        Assert.Equal(HttpStatusCode.Created, fault.StatusCode);

        using var accepted = await emulator.PutAsync(Amr(emulator.ClusterId("amr1")), Cluster());
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var creating = await emulator.GetOkAsync(Amr(emulator.ClusterId("amr1")));
        Assert.Equal("amr1.eastus.redis.azure.net", creating.Text("hostName"));
        emulator.Clock.Advance(TimeSpan.FromMinutes(30));

        var status = await emulator.StatusAsync(accepted);
        Assert.Equal("Failed", (string)status["status"]!);
        Assert.Equal(code, (string)status["error"]!["code"]!);
        Assert.Contains("not enough capacity in region 'East US'", (string)status["error"]!["message"]!);
        var cluster = await emulator.GetOkAsync(Amr(emulator.ClusterId("amr1")));
        Assert.Equal(("Failed", "CreateFailed"), (cluster.Text("provisioningState"), cluster.Text("resourceState")));
    }

    [Fact]
    public async Task AnAllocationFailureWithoutACodeReportsNoErrorAndLeavesCreateFailed()
    {
        await using var emulator = await StartAsync();
        using var fault = await emulator.Client.PostAsJsonAsync("_emulator/faults", new { method = "PUT", pathPattern = "*/redisEnterprise/amr1", kind = "allocationFailed" });
        Assert.Equal(HttpStatusCode.Created, fault.StatusCode);

        using var accepted = await emulator.PutAsync(Amr(emulator.ClusterId("amr1")), Cluster());
        emulator.Clock.Advance(TimeSpan.FromMinutes(30));

        var status = await emulator.StatusAsync(accepted);
        Assert.Equal("Failed", (string)status["status"]!);
        Assert.False(status.ContainsKey("error"));
        var cluster = await emulator.GetOkAsync(Amr(emulator.ClusterId("amr1")));
        Assert.Equal("CreateFailed", cluster.Text("resourceState"));
    }

    [Theory]
    [InlineData("PUT", "*/redisEnterprise/amr2", "Failed")]
    [InlineData("PATCH", "*/redisEnterprise/amr1", "UpdateFailed")]
    [InlineData("DELETE", "*/redisEnterprise/amr1", "DeleteFailed")]
    public async Task InjectedLroFailuresEndTheOperationFailedAndShowInResourceState(string method, string pattern, string resourceState)
    {
        await using var emulator = await StartAsync();
        await emulator.CreateReadyAsync("amr1");
        using var fault = await emulator.Client.PostAsJsonAsync("_emulator/faults", new { method, pathPattern = pattern, kind = "lroFailed" });
        Assert.Equal(HttpStatusCode.Created, fault.StatusCode);
        var name = pattern[(pattern.LastIndexOf('/') + 1)..];

        using var accepted = await emulator.SendAsync(new HttpMethod(method), Amr(emulator.ClusterId(name)), method switch
        {
            "PUT" => Cluster(),
            "PATCH" => new JsonObject { ["properties"] = new JsonObject { ["publicNetworkAccess"] = "Enabled" } },
            _ => null,
        });
        Assert.True(accepted.IsSuccessStatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(30));

        var status = await emulator.StatusAsync(accepted);
        Assert.Equal("Failed", (string)status["status"]!);
        Assert.Equal("InternalServerError", (string)status["error"]!["code"]!);
        var cluster = await emulator.GetOkAsync(Amr(emulator.ClusterId(name)));
        Assert.Equal("Failed", cluster.Text("provisioningState"));
        Assert.Equal(resourceState, cluster.Text("resourceState"));
    }

    [Fact]
    public async Task ClustersDatabasesAndRunningOperationsSurviveARestartWithTheStateFile()
    {
        var stateFile = Path.Combine(Path.GetTempPath(), $"emulator-amr-{Guid.NewGuid():N}.json");
        string operation;
        await using (var first = await TestEmulator.StartAsync(o => o.StateFile = stateFile))
        {
            await first.CreateGroupAsync("rg");
            await first.CreateReadyAsync("amr1", accessKeysAuthentication: "Enabled");
            using var created = await first.PutAsync(Amr(first.ClusterId("amr2")), Cluster());
            operation = created.Header("Azure-AsyncOperation")!;
        }

        await using var second = await TestEmulator.StartAsync(o => o.StateFile = stateFile);
        var database = await second.GetOkAsync(Amr(second.DatabaseId("amr1")));
        Assert.Equal("Running", database.Text("resourceState"));
        Assert.Equal("Enabled", database.Text("accessKeysAuthentication"));
        Assert.Equal("Creating", (await second.GetOkAsync(Amr(second.ClusterId("amr2")))).Text("resourceState"));
        second.Clock.Advance(TimeSpan.FromMinutes(65));
        using var poll = await second.Client.GetAsync(new Uri(second.Running.Endpoint, new Uri(operation).PathAndQuery));
        Assert.Equal("Succeeded", (string)(await poll.JsonAsync())["status"]!);
        Assert.Equal("Running", (await second.GetOkAsync(Amr(second.ClusterId("amr2")))).Text("resourceState"));
        File.Delete(stateFile);
    }

    private static SortedSet<string> KeysOf(JsonObject body) =>
        new(body.Select(p => p.Key).Concat((body["properties"] as JsonObject ?? []).Select(p => $"properties.{p.Key}")), StringComparer.Ordinal);

    private static async Task<TestEmulator> StartAsync(Action<Hosting.EmulatorOptions>? configure = null)
    {
        var emulator = await TestEmulator.StartAsync(configure);
        await emulator.CreateGroupAsync("rg");
        return emulator;
    }
}

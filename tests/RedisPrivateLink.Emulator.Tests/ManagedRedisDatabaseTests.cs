using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Control;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.ManagedRedis;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>
/// A Managed Redis cluster's one database, default: its create and update answers, listKeys and regenerateKey under
/// accessKeysAuthentication, and export/import moving the data fingerprint, from a classic cache too.
/// </summary>
public sealed class ManagedRedisDatabaseTests
{
    private const string Container = "https://contosostorage.blob.core.windows.net/dumps";

    [Fact]
    public async Task CreateAnswers201CreatingWithTheServiceDefaultsAndAccessKeysDisabled()
    {
        await using var emulator = await StartWithClusterAsync();

        using var created = await emulator.PutAsync(Amr(emulator.DatabaseId("amr1")), new { properties = new { } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("/providers/Microsoft.Cache/locations/eastus/operationsStatus/", created.Header("Azure-AsyncOperation"));
        var body = await created.JsonAsync();
        var example = Example("RedisEnterpriseDatabasesCreate.json", "201");
        Assert.Equal((string)example["type"]!, (string)body["type"]!);
        Assert.Equal("default", (string)body["name"]!);
        Assert.Null(body["location"]);
        // The example asks for modules and persistence; unset, they are absent (the database GETs in shared/recordings/additional).
        var exampleKeys = example["properties"]!.AsObject().Select(p => p.Key).Except(["modules", "persistence"]).ToHashSet();
        Assert.Subset(body["properties"]!.AsObject().Select(p => p.Key).ToHashSet(), exampleKeys);
        Assert.Null(body["properties"]!["modules"]);
        Assert.Null(body["properties"]!["persistence"]);
        Assert.Equal("Creating", body.Text("resourceState"));
        Assert.Equal("Encrypted", body.Text("clientProtocol"));
        Assert.Equal(10000, (int)body["properties"]!["port"]!);
        Assert.Equal("OSSCluster", body.Text("clusteringPolicy"));
        Assert.Equal("VolatileLRU", body.Text("evictionPolicy"));
        Assert.Equal("Disabled", body.Text("accessKeysAuthentication"));

        emulator.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal("Running", (await emulator.GetOkAsync(Amr(emulator.DatabaseId("amr1")))).Text("resourceState"));
        var list = await emulator.GetOkAsync(Amr($"{emulator.ClusterId("amr1")}/databases"));
        Assert.Equal("default", (string)Assert.Single(list["value"]!.AsArray())!["name"]!);
    }

    [Fact]
    public async Task DeleteAnswers202AndTakesTheDataWithTheDatabase()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateReadyAsync("amr1");
        await SetDataAsync(emulator, "amr1", "gone-soon");

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Amr(emulator.DatabaseId("amr1")));

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Contains("/providers/Microsoft.Cache/locations/eastus/operationsStatus/", deleted.Header("Azure-AsyncOperation"));
        Assert.Equal("Deleting", (await emulator.GetOkAsync(Amr(emulator.DatabaseId("amr1")))).Text("resourceState"));
        emulator.Clock.Advance(TimeSpan.FromMinutes(2));
        using var gone = await emulator.GetAsync(Amr(emulator.DatabaseId("amr1")));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var data = await emulator.Client.GetAsync(DataPath(emulator, "amr1"));
        Assert.Equal(HttpStatusCode.NotFound, data.StatusCode);
        Assert.Equal("Running", (await emulator.GetOkAsync(Amr(emulator.ClusterId("amr1")))).Text("resourceState"));
    }

    [Fact]
    public async Task ModulesComeBackWithTheirArgsAndVersionAsTheExampleShows()
    {
        await using var emulator = await StartWithClusterAsync();
        var request = ExampleRequest("RedisEnterpriseDatabasesCreate.json", "parameters");

        using var created = await emulator.PutAsync(Amr(emulator.DatabaseId("amr1")), request);

        var body = await created.JsonAsync();
        Assert.True(JsonNode.DeepEquals(Example("RedisEnterpriseDatabasesCreate.json", "201")["properties"]!["modules"], body["properties"]!["modules"]));
        Assert.Equal("Enabled", body.Text("accessKeysAuthentication"));
    }

    [Fact]
    public async Task ADatabaseNotNamedDefaultIsRefusedAsAzureAnswersIt()
    {
        await using var emulator = await StartWithClusterAsync();

        using var refused = await emulator.PutAsync(Amr(emulator.DatabaseId("amr1", "db1")), Database());

        var message = await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest");
        Assert.StartsWith("You can currently only create or update a single RedisEnterprise database which must be named 'default'. " +
                          "CorrelationID=", message);
        Assert.Contains(" Timestamp=2026-01-15T09:30:00Z", message);
        using var missing = await emulator.GetAsync(Amr(emulator.DatabaseId("amr1", "db1")));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("default", "{\"port\":0}", "properties.port")]
    [InlineData("default", "{\"port\":65536}", "properties.port")]
    [InlineData("default", "{\"port\":\"10001\"}", "properties.port")]
    [InlineData("default", "{\"clusteringPolicy\":\"RedisCluster\"}", "properties.clusteringPolicy")]
    [InlineData("default", "{\"clientProtocol\":\"Tls\"}", "properties.clientProtocol")]
    [InlineData("default", "{\"evictionPolicy\":\"Random\"}", "properties.evictionPolicy")]
    [InlineData("default", "{\"accessKeysAuthentication\":\"Sometimes\"}", "properties.accessKeysAuthentication")]
    public async Task BadDatabasesAreRefusedBeforeAnythingIsStored(string name, string? properties, string parameter)
    {
        await using var emulator = await StartWithClusterAsync();

        using var refused = await emulator.PutAsync(Amr(emulator.DatabaseId("amr1", name)),
            new JsonObject { ["properties"] = JsonNode.Parse(properties ?? "{}") });

        var message = await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody");
        Assert.Contains($"'{parameter}'", message);
        using var missing = await emulator.GetAsync(Amr(emulator.DatabaseId("amr1", name)));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task APortGivenAtCreateIsKeptAndCannotBeChangedAfter()
    {
        await using var emulator = await StartWithClusterAsync();
        var onOtherPort = Database();
        onOtherPort["properties"]!["port"] = 10001;

        using var created = await emulator.PutAsync(Amr(emulator.DatabaseId("amr1")), onOtherPort);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(10001, (int)(await created.JsonAsync())["properties"]!["port"]!);
        emulator.Clock.Advance(TimeSpan.FromMinutes(3));
        using var patched = await emulator.SendAsync(HttpMethod.Patch, Amr(emulator.DatabaseId("amr1")), new { properties = new { port = 10000 } });
        Assert.Contains("'properties.port'", await patched.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest"));
        var moved = Database();
        moved["properties"]!["port"] = 10002;
        using var put = await emulator.PutAsync(Amr(emulator.DatabaseId("amr1")), moved);
        Assert.Contains("'properties.port'", await put.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest"));

        // A PUT that names no port keeps the port the create set.
        var resent = Database();
        resent["properties"]!.AsObject().Remove("port");
        await emulator.PutOkAsync(Amr(emulator.DatabaseId("amr1")), resent);
        emulator.Clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(10001, (int)(await emulator.GetOkAsync(Amr(emulator.DatabaseId("amr1"))))["properties"]!["port"]!);
    }

    [Fact]
    public async Task ClusteringPolicyAndModulesAreFixedOnceCreatedExceptFromNoCluster()
    {
        await using var emulator = await StartWithClusterAsync();
        await emulator.PutOkAsync(Amr(emulator.DatabaseId("amr1")), Database());
        emulator.Clock.Advance(TimeSpan.FromMinutes(3));

        using var clustering = await emulator.SendAsync(HttpMethod.Patch, Amr(emulator.DatabaseId("amr1")),
            new { properties = new { clusteringPolicy = "EnterpriseCluster" } });
        await clustering.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest");
        var modules = Database();
        modules["properties"]!["modules"] = new JsonArray(new JsonObject { ["name"] = "RediSearch" });
        using var addModule = await emulator.PutAsync(Amr(emulator.DatabaseId("amr1")), modules);
        Assert.Contains("'properties.modules'", await addModule.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest"));

        await emulator.PutOkAsync(Amr(emulator.ClusterId("amr2")), Cluster());
        emulator.Clock.Advance(TimeSpan.FromMinutes(30));
        var noCluster = Database();
        noCluster["properties"]!["clusteringPolicy"] = "NoCluster";
        await emulator.PutOkAsync(Amr(emulator.DatabaseId("amr2")), noCluster);
        emulator.Clock.Advance(TimeSpan.FromMinutes(3));
        using var fromNoCluster = await emulator.SendAsync(HttpMethod.Patch, Amr(emulator.DatabaseId("amr2")),
            new { properties = new { clusteringPolicy = "OSSCluster" } });
        Assert.Equal(HttpStatusCode.Accepted, fromNoCluster.StatusCode);
    }

    [Fact]
    public async Task ListKeysIsRefusedWhileAccessKeysAreDisabledAndAnswersOnceAPatchEnablesThem()
    {
        await using var emulator = await StartWithClusterAsync();
        await emulator.PutOkAsync(Amr(emulator.DatabaseId("amr1")), Database());
        emulator.Clock.Advance(TimeSpan.FromMinutes(3));

        using var refused = await PostAsync(emulator, "listKeys");
        var message = await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest");
        Assert.Contains("accessKeysAuthentication", message);

        using var patched = await emulator.SendAsync(HttpMethod.Patch, Amr(emulator.DatabaseId("amr1")),
            new { properties = new { accessKeysAuthentication = "Enabled" } });
        Assert.Equal(HttpStatusCode.Accepted, patched.StatusCode);
        Assert.Equal("Disabled", (await patched.JsonAsync()).Text("accessKeysAuthentication"));
        emulator.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal("default", (string)(await emulator.GetOkAsync(Amr(emulator.DatabaseId("amr1"))))["name"]!);
        using var listed = await PostAsync(emulator, "listKeys");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var keys = await listed.JsonAsync();
        Assert.Equal(["primaryKey", "secondaryKey"], keys.Select(k => k.Key));
        Assert.Equal(44, ((string)keys["primaryKey"]!).Length);
        var database = await emulator.GetOkAsync(Amr(emulator.DatabaseId("amr1")));
        Assert.DoesNotContain((string)keys["primaryKey"]!, database.ToJsonString());
    }

    [Fact]
    public async Task RegenerateKeyReplacesOnlyTheKeyAskedFor()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateReadyAsync("amr1", accessKeysAuthentication: "Enabled");
        using var before = await PostAsync(emulator, "listKeys");
        var old = await before.JsonAsync();

        using var regenerated = await PostAsync(emulator, "regenerateKey", new { keyType = "Secondary" });

        Assert.Equal(HttpStatusCode.OK, regenerated.StatusCode);
        var keys = await regenerated.JsonAsync();
        Assert.Equal((string)old["primaryKey"]!, (string)keys["primaryKey"]!);
        Assert.NotEqual((string)old["secondaryKey"]!, (string)keys["secondaryKey"]!);
        using var bad = await PostAsync(emulator, "regenerateKey", new { keyType = "Both" });
        Assert.Contains("'keyType'", await bad.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));
    }

    [Fact]
    public async Task AClassicExportImportsIntoAManagedRedisDatabaseAndItsExportBack()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateReadyAsync("amr1");
        var classic = $"{emulator.Group("rg")}/providers/Microsoft.Cache/redis/classic";
        await emulator.PutOkAsync($"{classic}?api-version={TestApiVersions.Redis}",
            new { location = "eastus", properties = new { sku = new { name = "Premium", family = "P", capacity = 1 } } });
        emulator.Clock.Advance(TimeSpan.FromMinutes(30));
        await SetDataAsync(emulator, "classic", "classic-data");
        using var classicExport = await emulator.SendAsync(HttpMethod.Post, $"{classic}/export?api-version={TestApiVersions.Redis}",
            new { format = "RDB", prefix = "dump1", container = $"{Container}?sig=secret" });
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));

        using var import = await PostAsync(emulator, "import", new { sasUris = new[] { $"{Container}/dump1?sig=other" } });

        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        Assert.Contains("/providers/Microsoft.Cache/locations/eastus/operationsStatus/", import.Header("Azure-AsyncOperation"));
        Assert.Equal(import.Header("Azure-AsyncOperation"), import.Header("Location"));
        Assert.Equal(0, import.Content.Headers.ContentLength ?? 0);
        Assert.Null(await GetDataAsync(emulator, "amr1"));
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("Succeeded", (string)(await emulator.StatusAsync(import))["status"]!);
        Assert.Equal("classic-data", await GetDataAsync(emulator, "amr1"));

        await SetDataAsync(emulator, "amr1", "managed-data");
        using var export = await PostAsync(emulator, "export", new { sasUri = $"{Container}/managed?sig=x" });
        Assert.Equal(HttpStatusCode.Accepted, export.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        using var importBack = await emulator.SendAsync(HttpMethod.Post, $"{classic}/import?api-version={TestApiVersions.Redis}",
            new { format = "RDB", files = new[] { $"{Container}/managed?sig=y" } });
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("managed-data", await GetDataAsync(emulator, "classic"));
    }

    [Fact]
    public async Task ImportingABlobNoExportWroteFailsNamingItAndLeavesTheData()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateReadyAsync("amr1");
        await SetDataAsync(emulator, "amr1", "kept");

        using var import = await PostAsync(emulator, "import", new { sasUris = new[] { $"{Container}/never?sig=secret" } });
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));

        var status = await emulator.StatusAsync(import);
        Assert.Equal("Failed", (string)status["status"]!);
        Assert.Contains($"'{Container}/never'", (string)status["error"]!["message"]!);
        Assert.DoesNotContain("sig=secret", status.ToJsonString());
        Assert.Equal("kept", await GetDataAsync(emulator, "amr1"));
        using var empty = await PostAsync(emulator, "import", new { sasUris = Array.Empty<string>() });
        Assert.Contains("'sasUris'", await empty.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));
    }

    [Fact]
    public async Task AnInjectedLroFailureEndsAnExportFailedWithoutWritingItsBlob()
    {
        await using var emulator = await StartAsync();
        await emulator.CreateReadyAsync("amr1");
        using var fault = await emulator.Client.PostAsJsonAsync("_emulator/faults",
            new { method = "POST", pathPattern = "*/databases/default/export", kind = "lroFailed" });
        Assert.Equal(HttpStatusCode.Created, fault.StatusCode);

        using var export = await PostAsync(emulator, "export", new { sasUri = $"{Container}/failed" });
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("Failed", (string)(await emulator.StatusAsync(export))["status"]!);
        using var import = await PostAsync(emulator, "import", new { sasUris = new[] { $"{Container}/failed" } });
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("Failed", (string)(await emulator.StatusAsync(import))["status"]!);
    }

    [Fact]
    public async Task ExportIsRefusedWhileTheDatabaseIsBusy()
    {
        await using var emulator = await StartWithClusterAsync();
        await emulator.PutOkAsync(Amr(emulator.DatabaseId("amr1")), Database());

        using var busy = await PostAsync(emulator, "export", new { sasUri = Container });

        await busy.AssertErrorAsync(HttpStatusCode.Conflict, "Conflict");
    }

    [Fact]
    public async Task ControlPlaneDataOfAClusterIsItsDefaultDatabasesAndNeedsOne()
    {
        await using var emulator = await StartWithClusterAsync();
        using var noDatabase = await emulator.Client.GetAsync(DataPath(emulator, "amr1"));
        Assert.Equal(HttpStatusCode.NotFound, noDatabase.StatusCode);
        Assert.Equal("CacheNotFound", await noDatabase.ErrorCodeAsync());

        await emulator.PutOkAsync(Amr(emulator.DatabaseId("amr1")), Database());
        await SetDataAsync(emulator, "amr1", "abc");

        Assert.Equal("abc", await GetDataAsync(emulator, "amr1"));
    }

    private static string DataPath(TestEmulator emulator, string name) => $"_emulator/caches/{emulator.Sub}/rg/{name}/data";

    private static async Task SetDataAsync(TestEmulator emulator, string name, string fingerprint)
    {
        using var response = await emulator.Client.PutAsJsonAsync(DataPath(emulator, name), new CacheData(fingerprint));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string?> GetDataAsync(TestEmulator emulator, string name) =>
        (await emulator.Client.GetFromJsonAsync<CacheData>(DataPath(emulator, name)))!.Fingerprint;

    private static Task<HttpResponseMessage> PostAsync(TestEmulator emulator, string action, object? body = null) =>
        emulator.SendAsync(HttpMethod.Post, Amr($"{emulator.DatabaseId("amr1")}/{action}"), body);

    private static async Task<TestEmulator> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        return emulator;
    }

    private static async Task<TestEmulator> StartWithClusterAsync()
    {
        var emulator = await StartAsync();
        await emulator.PutOkAsync(Amr(emulator.ClusterId("amr1")), Cluster());
        emulator.Clock.Advance(TimeSpan.FromMinutes(30));
        return emulator;
    }
}

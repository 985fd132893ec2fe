using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>
/// A Premium cache's export and import: 202 with a Location-only operation, Azure's SAS lifetime rule, managed identity
/// access; an import reads only what an export wrote. And the classic DELETE, which answers the same way.
/// </summary>
public sealed class RedisExportImportTests
{
    private const string Container = "https://contosostorage.blob.core.windows.net/dumps";

    [Fact]
    public async Task ExportAnswersWithOnlyALocationWhosePollsAnswer202ThenTheResult()
    {
        await using var emulator = await StartAsync();
        var example = SharedExamples.Load("Microsoft.Cache/RedisCacheExport.json")["parameters"]!["parameters"]!.AsObject();
        example["container"] = $"{Container}?sv=2024&sig=secret";

        using var export = await emulator.SendAsync(HttpMethod.Post, Action(emulator, "premium", "export"), example);

        // As the 2024-11-01 az redis export recording: 202, no body, Location only, at .../operationresults/{id}.
        Assert.Equal(HttpStatusCode.Accepted, export.StatusCode);
        Assert.Equal(0, export.Content.Headers.ContentLength ?? 0);
        Assert.Null(export.Header("Azure-AsyncOperation"));
        var location = export.Header("Location")!;
        Assert.Contains("/providers/Microsoft.Cache/locations/East%20US/operationresults/", location);
        Assert.Contains("&t=", location);

        using var running = await emulator.FollowAsync(location);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        var runningBody = await running.JsonAsync();
        Assert.Equal("InProgress", (string)runningBody["status"]!);
        Assert.Contains("/locations/East US/operationresults/", (string)runningBody["id"]!);
        Assert.StartsWith(location.Split('?')[0], running.Header("Location")!);
        Assert.Equal(running.Header("Location"), running.Header("Azure-AsyncOperation"));

        using var tooEarly = await Import(emulator, $"{Container}/datadump1?sv=2024&sig=other");
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        using var done = await emulator.FollowAsync(running.Header("Location")!);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("Succeeded", (string)(await done.JsonAsync())["status"]!);
        Assert.Null(done.Header("Location"));
        Assert.Null(done.Header("Azure-AsyncOperation"));
        Assert.Equal("Failed", await StatusAsync(emulator, tooEarly.Header("Location")!));

        using var import = await Import(emulator, $"{Container}/datadump1?sv=2024&sig=other");
        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        Assert.Null(import.Header("Azure-AsyncOperation"));
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("Succeeded", await StatusAsync(emulator, import.Header("Location")!));
    }

    [Fact]
    public async Task AFailedImportAnswersItsPoll409WithTheErrorNamingTheBlob()
    {
        await using var emulator = await StartAsync();

        using var import = await Import(emulator, $"{Container}/never-exported?sig=x");
        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));

        using var poll = await emulator.FollowAsync(import.Header("Location")!);
        var message = await poll.AssertErrorAsync(HttpStatusCode.Conflict, "BadRequest");
        Assert.Contains($"'{Container}/never-exported'", message);
        Assert.DoesNotContain("sig=x", message);
    }

    [Theory]
    [InlineData("se", 59, "export")]
    [InlineData("se", 59, "import")]
    [InlineData("st", -14, "export")]
    public async Task ASasThatDoesNotLastAnHourOrStartedLessThan15MinutesAgoIsRefusedWithAzuresMessage(string parameter, int minutesFromNow, string action)
    {
        await using var emulator = await StartAsync();
        var time = Sas(emulator, minutesFromNow);
        var url = $"{Container}?sv=2024&{parameter}={time}&sig=secret";

        using var refused = action == "export"
            ? await emulator.SendAsync(HttpMethod.Post, Action(emulator, "premium", "export"), new { prefix = "p", container = url })
            : await Import(emulator, url.Replace("?", "/p?"));

        Assert.StartsWith(
            "One of the SAS URIs provided could not be used for the following reason: The SAS token end time (se) must be at least 1 hour from now and the start time (st), if given, must be at least 15 minutes in the past.",
            await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest"));
    }

    [Fact]
    public async Task ASasEndingAnHourFromNowOrWithoutEndIsAccepted()
    {
        await using var emulator = await StartAsync();

        using var anHour = await emulator.SendAsync(HttpMethod.Post, Action(emulator, "premium", "export"),
            new { prefix = "a", container = $"{Container}?st={Sas(emulator, -15)}&se={Sas(emulator, 60)}&sig=s" });
        Assert.Equal(HttpStatusCode.Accepted, anHour.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        using var storedPolicy = await emulator.SendAsync(HttpMethod.Post, Action(emulator, "premium", "export"),
            new { prefix = "b", container = $"{Container}?si=policy&sig=s" });
        Assert.Equal(HttpStatusCode.Accepted, storedPolicy.StatusCode);
    }

    [Fact]
    public async Task ManagedIdentityAuthenticationNeedsNoSasAndIsRecordedOnTheCache()
    {
        await using var emulator = await StartAsync();
        using var unknown = await emulator.SendAsync(HttpMethod.Post, Action(emulator, "premium", "export"), new JsonObject
        {
            ["prefix"] = "x",
            ["container"] = Container,
            ["preferred-data-archive-auth-method"] = "AccessKey",
        });
        await unknown.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody");

        using var export = await emulator.SendAsync(HttpMethod.Post, Action(emulator, "premium", "export"), new JsonObject
        {
            ["prefix"] = "mi",
            ["container"] = $"{Container}?se={Sas(emulator, 10)}&sig=ignored",
            ["preferred-data-archive-auth-method"] = "ManagedIdentity",
        });

        Assert.Equal(HttpStatusCode.Accepted, export.StatusCode);
        using var data = await emulator.GetAsync($"_emulator/caches/{emulator.Sub}/rg/premium/data");
        Assert.Equal("ManagedIdentity", (string)(await data.JsonAsync())["dataArchiveAuthMethod"]!);
    }

    [Fact]
    public async Task DeletingAClassicCacheAnswersWithOnlyALocationPolledTo200()
    {
        await using var emulator = await StartAsync();

        using var delete = await emulator.SendAsync(HttpMethod.Delete, Redis(emulator.CacheId("standard")));

        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        Assert.Null(delete.Header("Azure-AsyncOperation"));
        var location = delete.Header("Location")!;
        Assert.Contains("/providers/Microsoft.Cache/locations/East%20US/operationresults/", location);
        using var running = await emulator.FollowAsync(location);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        using var done = await emulator.FollowAsync(running.Header("Location")!);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal("Succeeded", (string)(await done.JsonAsync())["status"]!);
        using var gone = await emulator.GetAsync(Redis(emulator.CacheId("standard")));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task ExportedBlobsSurviveARestartWithTheStateFile()
    {
        var stateFile = Path.Combine(Path.GetTempPath(), $"emulator-blobs-{Guid.NewGuid():N}.json");
        await using (var first = await TestEmulator.StartAsync(o => (o.TimeScale, o.StateFile) = (0, stateFile)))
        {
            await first.CreateGroupAsync("rg");
            await first.PutOkAsync(Redis(first.CacheId("premium")), PremiumCache());
            using var export = await first.SendAsync(HttpMethod.Post, Action(first, "premium", "export"), new { prefix = "kept", container = Container });
            Assert.Equal("Succeeded", await StatusAsync(first, export.Header("Location")!));
        }

        await using var second = await TestEmulator.StartAsync(o => (o.TimeScale, o.StateFile) = (0, stateFile));
        using var import = await Import(second, $"{Container}/kept");

        Assert.Equal("Succeeded", await StatusAsync(second, import.Header("Location")!));
        File.Delete(stateFile);
    }

    [Fact]
    public async Task ExportAndImportArePremiumOnly()
    {
        await using var emulator = await StartAsync();

        using var export = await emulator.SendAsync(HttpMethod.Post, Action(emulator, "standard", "export"), new { prefix = "p", container = Container });
        Assert.StartsWith("The 'export' operation is not allowed on 'Standard' cache instances.",
            await export.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest"));
        using var import = await emulator.SendAsync(HttpMethod.Post, Action(emulator, "standard", "import"), new { files = new[] { $"{Container}/p" } });
        await import.AssertErrorAsync(HttpStatusCode.BadRequest, "BadRequest");
        using var noFiles = await emulator.SendAsync(HttpMethod.Post, Action(emulator, "premium", "import"), new { files = Array.Empty<string>() });
        await noFiles.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody");
    }

    [Fact]
    public async Task ABusyCacheRefusesExportAsRetryable()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        await emulator.PutOkAsync(Redis(emulator.CacheId("creating")), PremiumCache());

        using var export = await emulator.SendAsync(HttpMethod.Post, Action(emulator, "creating", "export"), new { prefix = "p", container = Container });

        await export.AssertErrorAsync(HttpStatusCode.Conflict, "Conflict");
    }

    private static Task<HttpResponseMessage> Import(TestEmulator emulator, string file) =>
        emulator.SendAsync(HttpMethod.Post, Action(emulator, "premium", "import"), new JsonObject { ["format"] = "RDB", ["files"] = new JsonArray(file) });

    private static string Action(TestEmulator emulator, string cache, string action) => Redis($"{emulator.CacheId(cache)}/{action}");

    /// <summary>An operationresults poll's status; a failed operation answers 409 with an error body instead.</summary>
    private static async Task<string> StatusAsync(TestEmulator emulator, string operation)
    {
        using var poll = await emulator.FollowAsync(operation);
        return poll.StatusCode == HttpStatusCode.Conflict ? "Failed" : (string)(await poll.JsonAsync())["status"]!;
    }

    /// <summary>A SAS time (st, se) this many minutes from the emulator's now, as Azure writes it (UTC, to the second).</summary>
    private static string Sas(TestEmulator emulator, int minutesFromNow) =>
        Uri.EscapeDataString(emulator.Clock.GetUtcNow().AddMinutes(minutesFromNow).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));

    private static object PremiumCache() => new
    {
        location = "eastus",
        properties = new { sku = new { name = "Premium", family = "P", capacity = 1 } },
    };

    /// <summary>A Premium and a Standard cache, provisioned; the clock then drives only the transfers.</summary>
    private static async Task<TestEmulator> StartAsync()
    {
        var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("rg");
        await emulator.PutOkAsync(Redis(emulator.CacheId("premium")), PremiumCache());
        await emulator.PutOkAsync(Redis(emulator.CacheId("standard")), new { location = "eastus" });
        emulator.Clock.Advance(TimeSpan.FromMinutes(20));
        return emulator;
    }
}

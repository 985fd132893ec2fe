using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>A Premium cache's export and import: 202 and an asyncOperation; an import reads only what an export wrote.</summary>
public sealed class RedisExportImportTests
{
    private const string Container = "https://contosostorage.blob.core.windows.net/dumps";

    [Fact]
    public async Task ExportCompletesAfterItsDurationAndMakesTheBlobImportable()
    {
        await using var emulator = await StartAsync();
        var example = SharedExamples.Load("Microsoft.Cache/RedisCacheExport.json")["parameters"]!["parameters"]!.AsObject();
        example["container"] = $"{Container}?sv=2024&sig=secret";

        using var export = await emulator.SendAsync(HttpMethod.Post, Action(emulator, "premium", "export"), example);

        Assert.Equal(HttpStatusCode.Accepted, export.StatusCode);
        Assert.Equal(0, export.Content.Headers.ContentLength ?? 0);
        var operation = export.Header("Azure-AsyncOperation")!;
        Assert.Contains("/providers/Microsoft.Cache/locations/East%20US/asyncOperations/", operation);
        Assert.Equal(operation, export.Header("Location"));
        Assert.Equal("InProgress", await StatusAsync(emulator, operation));

        using var tooEarly = await Import(emulator, $"{Container}/datadump1?sv=2024&sig=other");
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("Succeeded", await StatusAsync(emulator, operation));
        Assert.Equal("Failed", await StatusAsync(emulator, tooEarly.Header("Azure-AsyncOperation")!));

        using var import = await Import(emulator, $"{Container}/datadump1?sv=2024&sig=other");
        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("Succeeded", await StatusAsync(emulator, import.Header("Azure-AsyncOperation")!));
    }

    [Fact]
    public async Task ImportingAnUnknownBlobFailsItsOperationNamingTheBlob()
    {
        await using var emulator = await StartAsync();

        using var import = await Import(emulator, $"{Container}/never-exported?sig=x");
        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));

        var status = await (await emulator.FollowAsync(import.Header("Azure-AsyncOperation")!)).JsonAsync();
        Assert.Equal("Failed", (string)status["status"]!);
        Assert.Equal("BadRequest", (string)status["error"]!["code"]!);
        Assert.Contains($"'{Container}/never-exported'", (string)status["error"]!["message"]!);
        Assert.DoesNotContain("sig=x", (string)status["error"]!["message"]!);
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
            Assert.Equal("Succeeded", await StatusAsync(first, export.Header("Azure-AsyncOperation")!));
        }

        await using var second = await TestEmulator.StartAsync(o => (o.TimeScale, o.StateFile) = (0, stateFile));
        using var import = await Import(second, $"{Container}/kept");

        Assert.Equal("Succeeded", await StatusAsync(second, import.Header("Azure-AsyncOperation")!));
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

    private static async Task<string> StatusAsync(TestEmulator emulator, string operation) =>
        (string)(await (await emulator.FollowAsync(operation)).JsonAsync())["status"]!;

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

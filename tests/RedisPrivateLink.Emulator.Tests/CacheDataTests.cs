using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>A cache's data fingerprint: set and read through /_emulator, carried by export and import, never a secret in the log.</summary>
public sealed class CacheDataTests
{
    private const string Container = "https://backups.blob.core.windows.net/exports";

    [Fact]
    public async Task TheFingerprintIsSetAndReadThroughTheControlPlane()
    {
        await using var emulator = await StartAsync();

        Assert.Equal("""{"fingerprint":null}""", await emulator.Client.GetStringAsync(DataPath(emulator, "source")));
        using var set = await SetAsync(emulator, "source", "data-v1");
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("""{"fingerprint":"data-v1"}""", await set.Content.ReadAsStringAsync());
        Assert.Equal("""{"fingerprint":"data-v1"}""", await emulator.Client.GetStringAsync(DataPath(emulator, "SOURCE")));

        using var missing = await emulator.Client.GetAsync(DataPath(emulator, "nothere"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("CacheNotFound", await missing.ErrorCodeAsync());
    }

    [Fact]
    public async Task ExportWritesTheFingerprintItStartedWithAndImportLoadsIt()
    {
        await using var emulator = await StartAsync();
        using var _ = await SetAsync(emulator, "source", "data-v1");

        using var export = await ActionAsync(emulator, "source", "export", new { format = "RDB", prefix = "move", container = $"{Container}?sv=2024&sig=secret" });
        using var changed = await SetAsync(emulator, "source", "data-v2");
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        using var import = await ActionAsync(emulator, "target", "import", new { format = "RDB", files = new[] { $"{Container}/move?sig=other" } });

        Assert.Equal(HttpStatusCode.Accepted, import.StatusCode);
        Assert.Equal("""{"fingerprint":null}""", await emulator.Client.GetStringAsync(DataPath(emulator, "target")));
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("""{"fingerprint":"data-v1"}""", await emulator.Client.GetStringAsync(DataPath(emulator, "target")));
        Assert.Equal("""{"fingerprint":"data-v2"}""", await emulator.Client.GetStringAsync(DataPath(emulator, "source")));
    }

    [Fact]
    public async Task AFailedImportLeavesTheDataAsItWas()
    {
        await using var emulator = await StartAsync();
        using var _ = await SetAsync(emulator, "target", "kept");

        using var import = await ActionAsync(emulator, "target", "import", new { format = "RDB", files = new[] { $"{Container}/never-exported" } });
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("""{"fingerprint":"kept"}""", await emulator.Client.GetStringAsync(DataPath(emulator, "target")));
    }

    /// <summary>A PUT to an existing cache (sent again after it ended Failed, say) updates it; Azure keeps its data.</summary>
    [Fact]
    public async Task APutToAnExistingCacheKeepsItsData()
    {
        await using var emulator = await StartAsync();
        using var _ = await SetAsync(emulator, "target", "kept");

        await emulator.PutOkAsync(Redis(emulator.CacheId("target")), new
        {
            location = "eastus",
            tags = new { team = "payments" },
            properties = new { sku = new { name = "Premium", family = "P", capacity = 1 } },
        });
        emulator.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal("""{"fingerprint":"kept"}""", await emulator.Client.GetStringAsync(DataPath(emulator, "target")));
    }

    [Fact]
    public async Task FingerprintsSurviveARestartWithTheStateFile()
    {
        var stateFile = Path.Combine(Path.GetTempPath(), $"emulator-data-{Guid.NewGuid():N}.json");
        await using (var first = await StartAsync(stateFile))
        {
            using var set = await SetAsync(first, "source", "persisted");
            using var export = await ActionAsync(first, "source", "export", new { prefix = "kept", container = Container });
            first.Clock.Advance(TimeSpan.FromMinutes(5));
            Assert.Equal("""{"fingerprint":"persisted"}""", await first.Client.GetStringAsync(DataPath(first, "source")));
        }

        // The restarted emulator's manual clock starts again where the first one started.
        await using var second = await TestEmulator.StartAsync(o => o.StateFile = stateFile);
        second.Clock.Advance(TimeSpan.FromMinutes(25));
        Assert.Equal("""{"fingerprint":"persisted"}""", await second.Client.GetStringAsync(DataPath(second, "source")));
        using var import = await ActionAsync(second, "target", "import", new { files = new[] { $"{Container}/kept" } });
        second.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("""{"fingerprint":"persisted"}""", await second.Client.GetStringAsync(DataPath(second, "target")));
        File.Delete(stateFile);
    }

    [Fact]
    public async Task TheRequestLogRedactsSasSignaturesAndOtherSecretsInQueries()
    {
        await using var emulator = await StartAsync();
        await emulator.Client.DeleteAsync("_emulator/requests");

        using var _ = await emulator.GetAsync($"{Redis(emulator.CacheId("source"))}&sv=2024-08-04&sp=rw&sig=c2VjcmV0%2Fc2ln&SIG=again&code=fn-key");

        var text = await emulator.Client.GetStringAsync("_emulator/requests");
        var query = (string)JsonNode.Parse(text)!.AsArray().Single()!["query"]!;
        Assert.Equal($"?api-version={TestApiVersions.Redis}&sv=2024-08-04&sp=rw&sig=REDACTED&SIG=REDACTED&code=REDACTED", query);
        Assert.DoesNotContain("c2VjcmV0", text, StringComparison.Ordinal);
    }

    private static string DataPath(TestEmulator emulator, string cache) => $"_emulator/caches/{emulator.Sub}/rg/{cache}/data";

    private static Task<HttpResponseMessage> SetAsync(TestEmulator emulator, string cache, string fingerprint) =>
        emulator.Client.PutAsync(DataPath(emulator, cache),
            new StringContent(new JsonObject { ["fingerprint"] = fingerprint }.ToJsonString(), Encoding.UTF8, "application/json"));

    private static Task<HttpResponseMessage> ActionAsync(TestEmulator emulator, string cache, string action, object body) =>
        emulator.SendAsync(HttpMethod.Post, Redis($"{emulator.CacheId(cache)}/{action}"), body);

    /// <summary>Two Premium caches, provisioned; the clock then drives only the transfers.</summary>
    private static async Task<TestEmulator> StartAsync(string? stateFile = null)
    {
        var emulator = await TestEmulator.StartAsync(o => o.StateFile = stateFile);
        await emulator.CreateGroupAsync("rg");
        foreach (var name in new[] { "source", "target" })
        {
            await emulator.PutOkAsync(Redis(emulator.CacheId(name)), new
            {
                location = "eastus",
                properties = new { sku = new { name = "Premium", family = "P", capacity = 1 } },
            });
        }

        emulator.Clock.Advance(TimeSpan.FromMinutes(20));
        return emulator;
    }
}

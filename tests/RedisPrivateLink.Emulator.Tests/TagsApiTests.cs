using System.Net;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

public sealed class TagsApiTests
{
    private const string Version = $"?api-version={TestApiVersions.ResourceGroups}";

    [Fact]
    public async Task MergeAddsAndUpdatesWhileOtherTagsStay()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.PutAsync($"{emulator.Group("rg1")}{Version}", new { location = "eastus", tags = new { owner = "ops", env = "dev" } });

        using var merged = await PatchAsync(emulator, "rg1", "Merge", new { ENV = "prod", costCenter = "4711" });

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var body = await merged.JsonAsync();
        Assert.Equal($"{emulator.Group("rg1")}/providers/Microsoft.Resources/tags/default", (string)body["id"]!);
        Assert.Equal("Microsoft.Resources/tags", (string)body["type"]!);
        var group = await (await emulator.GetAsync($"{emulator.Group("rg1")}{Version}")).JsonAsync();
        Assert.Equal(["owner", "ENV", "costCenter"], group["tags"]!.AsObject().Select(t => t.Key));
        Assert.Equal("prod", (string)group["tags"]!["ENV"]!);
        Assert.Equal("ops", (string)(await (await emulator.GetAsync(TagsPath(emulator, "rg1"))).JsonAsync())["properties"]!["tags"]!["owner"]!);
    }

    [Fact]
    public async Task DeleteRemovesOnlyNamedTagsWhoseValueMatches()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.PutAsync($"{emulator.Group("rg1")}{Version}", new { location = "eastus", tags = new { a = "1", b = "2", c = "3" } });

        using var deleted = await PatchAsync(emulator, "rg1", "Delete", new { A = "1", b = "other", c = "" });

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var tags = (await deleted.JsonAsync())["properties"]!["tags"]!.AsObject();
        Assert.Equal(["b"], tags.Select(t => t.Key));
    }

    [Fact]
    public async Task ReplacePutAndDeleteRewriteTheWholeSet()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.PutAsync($"{emulator.Group("rg1")}{Version}", new { location = "eastus", tags = new { a = "1" } });

        using var replaced = await PatchAsync(emulator, "rg1", "Replace", new { b = "2" });
        Assert.Equal(["b"], (await replaced.JsonAsync())["properties"]!["tags"]!.AsObject().Select(t => t.Key));

        using var put = await emulator.PutAsync(TagsPath(emulator, "rg1"), new { properties = new { tags = new { c = "3" } } });
        Assert.Equal(["c"], (await put.JsonAsync())["properties"]!["tags"]!.AsObject().Select(t => t.Key));

        using var cleared = await emulator.SendAsync(HttpMethod.Delete, TagsPath(emulator, "rg1"));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Empty((await (await emulator.GetAsync(TagsPath(emulator, "rg1"))).JsonAsync())["properties"]!["tags"]!.AsObject());
    }

    [Fact]
    public async Task AzureLimitsAreRefusedAndNothingChanges()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.PutAsync($"{emulator.Group("rg1")}{Version}", new { location = "eastus", tags = new { keep = "me" } });

        using var tooMany = await PatchAsync(emulator, "rg1", "Merge", Enumerable.Range(0, 50).ToDictionary(i => $"t{i}", _ => "v"));
        using var longValue = await PatchAsync(emulator, "rg1", "Merge", new Dictionary<string, string> { ["big"] = new string('x', 257) });
        using var longName = await PatchAsync(emulator, "rg1", "Merge", new Dictionary<string, string> { [new string('n', 513)] = "v" });
        using var badOperation = await PatchAsync(emulator, "rg1", "Append", new { x = "y" });

        Assert.Equal((HttpStatusCode.BadRequest, "InvalidTagCount"), (tooMany.StatusCode, await tooMany.ErrorCodeAsync()));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidTagValueLength"), (longValue.StatusCode, await longValue.ErrorCodeAsync()));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidTagNameLength"), (longName.StatusCode, await longName.ErrorCodeAsync()));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidRequestContent"), (badOperation.StatusCode, await badOperation.ErrorCodeAsync()));
        var tags = (await (await emulator.GetAsync(TagsPath(emulator, "rg1"))).JsonAsync())["properties"]!["tags"]!.AsObject();
        Assert.Equal(["keep"], tags.Select(t => t.Key));
    }

    [Fact]
    public async Task AMissingGroupOrAnUnknownVersionIsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.PutAsync($"{emulator.Group("rg1")}{Version}", new { location = "eastus" });

        using var missing = await emulator.GetAsync(TagsPath(emulator, "ghost"));
        using var badVersion = await emulator.GetAsync($"{emulator.Group("rg1")}/providers/Microsoft.Resources/tags/default?api-version=2015-01-01");

        Assert.Equal((HttpStatusCode.NotFound, "ResourceGroupNotFound"), (missing.StatusCode, await missing.ErrorCodeAsync()));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidApiVersionParameter"), (badVersion.StatusCode, await badVersion.ErrorCodeAsync()));
    }

    private static string TagsPath(TestEmulator emulator, string group) => $"{emulator.Group(group)}/providers/Microsoft.Resources/tags/default{Version}";

    private static Task<HttpResponseMessage> PatchAsync(TestEmulator emulator, string group, string operation, object tags) =>
        emulator.SendAsync(HttpMethod.Patch, TagsPath(emulator, group), new { operation, properties = new { tags } });
}

using System.Net;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

public sealed class ResourceGroupTests
{
    [Fact]
    public async Task PutCreatesThenUpdatesWithTheExampleShape()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var example = SharedExamples.Response("Microsoft.Resources/CreateResourceGroup.json", "201");

        using var created = await emulator.PutAsync($"{emulator.Group("my-resource-group")}?api-version=2025-04-01", new { location = "eastus" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal(((string)example["id"]!).Replace("00000000-0000-0000-0000-000000000000", emulator.Sub), (string)body["id"]!);
        Assert.Equal((string)example["name"]!, (string)body["name"]!);
        Assert.Equal((string)example["location"]!, (string)body["location"]!);
        Assert.Equal((string)example["properties"]!["provisioningState"]!, (string)body["properties"]!["provisioningState"]!);
        Assert.Equal("Microsoft.Resources/resourceGroups", (string)body["type"]!);

        using var again = await emulator.PutAsync($"{emulator.Group("my-resource-group")}?api-version=2025-04-01",
            new { location = "East US", tags = new { env = "test" } });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("test", (string)(await again.JsonAsync())["tags"]!["env"]!);
    }

    [Fact]
    public async Task GetHeadAndListFindGroupsCaseInsensitively()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("Team-RG");
        await emulator.CreateGroupAsync("other");

        var body = await (await emulator.GetAsync($"/subscriptions/{emulator.Sub}/resourcegroups/team-rg?api-version={TestApiVersions.ResourceGroups}")).JsonAsync();
        Assert.Equal($"/subscriptions/{emulator.Sub}/resourceGroups/Team-RG", (string)body["id"]!);

        using var head = await emulator.SendAsync(HttpMethod.Head, $"{emulator.Group("TEAM-rg")}?api-version=2021-04-01");
        Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
        using var missingHead = await emulator.SendAsync(HttpMethod.Head, $"{emulator.Group("nope")}?api-version=2021-04-01");
        Assert.Equal(HttpStatusCode.NotFound, missingHead.StatusCode);

        var list = await (await emulator.GetAsync($"/subscriptions/{emulator.Sub}/resourcegroups?api-version={TestApiVersions.ResourceGroups}")).JsonAsync();
        Assert.Equal(["Team-RG", "other"], list["value"]!.AsArray().Select(g => (string)g!["name"]!));
    }

    [Fact]
    public async Task MissingGroupIsReportedForItselfAndForResourcesInIt()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var group = await emulator.GetAsync($"{emulator.Group("ghost")}?api-version=2021-04-01");
        Assert.Equal(HttpStatusCode.NotFound, group.StatusCode);
        Assert.Equal("ResourceGroupNotFound", await group.ErrorCodeAsync());

        using var cache = await emulator.PutAsync($"{emulator.Group("ghost")}/providers/Microsoft.Cache/redis/c1?api-version=2024-11-01",
            new { location = "eastus" });
        Assert.Equal(HttpStatusCode.NotFound, cache.StatusCode);
        var error = (await cache.JsonAsync())["error"]!;
        Assert.Equal("ResourceGroupNotFound", (string)error["code"]!);
        Assert.Equal("Resource group 'ghost' could not be found.", (string)error["message"]!);
    }

    [Fact]
    public async Task DeleteIsAcceptedPolledAndTakesTheContentsWithIt()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateGroupAsync("doomed");
        using var _ = await emulator.PutAsync($"{emulator.Group("doomed")}/providers/Microsoft.Storage/storageAccounts/sa1?api-version=2023-05-01",
            new { location = "eastus", kind = "StorageV2", sku = new { name = "Standard_LRS" } });

        using var accepted = await emulator.SendAsync(HttpMethod.Delete, $"{emulator.Group("doomed")}?api-version=2021-04-01");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Header("Location")!;
        Assert.Contains($"/subscriptions/{emulator.Sub}/operationresults/", location);
        Assert.NotNull(accepted.Header("Retry-After"));

        using var running = await emulator.FollowAsync(location);
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        var deleting = await (await emulator.GetAsync($"{emulator.Group("doomed")}?api-version=2021-04-01")).JsonAsync();
        Assert.Equal("Deleting", (string)deleting["properties"]!["provisioningState"]!);

        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        using var done = await emulator.FollowAsync(location);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        using var gone = await emulator.GetAsync($"{emulator.Group("doomed")}?api-version=2021-04-01");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await emulator.CreateGroupAsync("doomed");
        using var account = await emulator.GetAsync($"{emulator.Group("doomed")}/providers/Microsoft.Storage/storageAccounts/sa1?api-version=2023-05-01");
        Assert.Equal(HttpStatusCode.NotFound, account.StatusCode);
    }
}

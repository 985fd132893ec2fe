using System.Net;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>Cache names are global, and Azure holds a deleted cache's name for a while before anyone can reuse it.</summary>
public sealed class NameReleaseTests
{
    [Fact]
    public async Task ADeletedCachesNameIsHeldForTheReleaseDelayInEveryResourceGroup()
    {
        await using var emulator = await StartAsync();
        await DeleteCacheAsync(emulator, "held");

        emulator.Clock.Advance(TimeSpan.FromMinutes(9));
        await AssertTakenAsync(emulator, "HELD");
        using var sameGroup = await emulator.PutAsync(Redis(emulator.CacheId("held")), new { location = "eastus" });
        await sameGroup.AssertErrorAsync(HttpStatusCode.Conflict, "NameNotAvailable");
        using var otherGroup = await emulator.PutAsync(Redis($"{emulator.Group("rg2")}/providers/Microsoft.Cache/redis/held"), new { location = "eastus" });
        Assert.StartsWith("The name 'held' is already in use.", await otherGroup.AssertErrorAsync(HttpStatusCode.Conflict, "NameNotAvailable"));

        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        using var free = await CheckAsync(emulator, "held");
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        using var reused = await emulator.PutAsync(Redis($"{emulator.Group("rg2")}/providers/Microsoft.Cache/redis/held"), new { location = "eastus" });
        Assert.Equal(HttpStatusCode.Created, reused.StatusCode);
    }

    [Fact]
    public async Task TheHoldFollowsTheTimeScaleAndTheConfiguredDelay()
    {
        await using var emulator = await StartAsync(o => (o.TimeScale, o.NameReleaseDelay) = (0.01, TimeSpan.FromMinutes(30)));
        await DeleteCacheAsync(emulator, "scaled");

        emulator.Clock.Advance(TimeSpan.FromSeconds(17));
        await AssertTakenAsync(emulator, "scaled");
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        using var free = await CheckAsync(emulator, "scaled");
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
    }

    [Fact]
    public async Task WithoutADelayTheNameIsFreeOnceTheDeleteFinishes()
    {
        await using var emulator = await StartAsync(o => o.NameReleaseDelay = TimeSpan.Zero);
        await DeleteCacheAsync(emulator, "quick");

        using var free = await CheckAsync(emulator, "quick");

        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
    }

    [Fact]
    public async Task DeletingTheResourceGroupHoldsTheNamesOfItsCaches()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Redis($"{emulator.Group("rg2")}/providers/Microsoft.Cache/redis/ingroup"), new { location = "eastus" });
        emulator.Clock.Advance(TimeSpan.FromMinutes(20));

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, $"{emulator.Group("rg2")}?api-version={TestApiVersions.ResourceGroups}");
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(1));
        using var group = await emulator.GetAsync($"{emulator.Group("rg2")}?api-version={TestApiVersions.ResourceGroups}");
        Assert.Equal(HttpStatusCode.NotFound, group.StatusCode);

        await AssertTakenAsync(emulator, "ingroup");
    }

    [Fact]
    public async Task AHeldNameStaysHeldAcrossARestartWithTheStateFile()
    {
        var stateFile = Path.Combine(Path.GetTempPath(), $"emulator-names-{Guid.NewGuid():N}.json");
        await using (var first = await StartAsync(o => o.StateFile = stateFile))
        {
            await DeleteCacheAsync(first, "kept");
        }

        // The restarted emulator's manual clock starts again where the first one started: the delete ended 25 minutes in.
        await using var second = await TestEmulator.StartAsync(o => o.StateFile = stateFile);
        second.Clock.Advance(TimeSpan.FromMinutes(34));
        await AssertTakenAsync(second, "kept");
        second.Clock.Advance(TimeSpan.FromMinutes(1));
        using var free = await CheckAsync(second, "kept");
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        File.Delete(stateFile);
    }

    [Fact]
    public async Task ANameALiveCacheHasIsRefusedInAnotherResourceGroup()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Redis(emulator.CacheId("live")), new { location = "eastus" });

        using var duplicate = await emulator.PutAsync(Redis($"{emulator.Group("rg2")}/providers/Microsoft.Cache/redis/Live"), new { location = "eastus" });

        await duplicate.AssertErrorAsync(HttpStatusCode.Conflict, "NameNotAvailable");
    }

    /// <summary>Creates, provisions and deletes a cache; the clock stops when the delete has finished (5 minutes × scale).</summary>
    private static async Task DeleteCacheAsync(TestEmulator emulator, string name)
    {
        await emulator.PutOkAsync(Redis(emulator.CacheId(name)), new { location = "eastus" });
        emulator.Clock.Advance(TimeSpan.FromMinutes(20) * emulator.Options.TimeScale);
        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Redis(emulator.CacheId(name)));
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        emulator.Clock.Advance(TimeSpan.FromMinutes(5) * emulator.Options.TimeScale);
        using var gone = await emulator.GetAsync(Redis(emulator.CacheId(name)));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private static async Task AssertTakenAsync(TestEmulator emulator, string name)
    {
        using var taken = await CheckAsync(emulator, name);
        await taken.AssertErrorAsync(HttpStatusCode.Conflict, "NameNotAvailable");
    }

    private static Task<HttpResponseMessage> CheckAsync(TestEmulator emulator, string name) =>
        emulator.SendAsync(HttpMethod.Post, Redis($"/subscriptions/{emulator.Sub}/providers/Microsoft.Cache/CheckNameAvailability"),
            new { type = "Microsoft.Cache/Redis", name });

    private static async Task<TestEmulator> StartAsync(Action<Hosting.EmulatorOptions>? configure = null)
    {
        var emulator = await TestEmulator.StartAsync(configure);
        await emulator.CreateGroupAsync("rg");
        await emulator.CreateGroupAsync("rg2");
        return emulator;
    }
}

using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Caches;

/// <summary>
/// Caches' updates waited for together: each poll interval lists the group once, whatever the number of caches. The
/// in-memory gateway's wait between polls is where each test decides what the next list shows, so no test depends on
/// timing.
/// </summary>
public class CacheFleetObserverTests
{
    private const string Collection = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-fleet/providers/Microsoft.Cache/redis";

    // Guards against a hung test run only; no test asserts how long anything takes.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static readonly string[] Names = { "c1", "c2", "c3" };

    [Fact]
    public async Task One_list_per_interval_settles_every_cache_it_shows_as_asked()
    {
        var arm = new InMemoryArmGateway();
        using var allWatched = new ManualResetEventSlim();
        var lists = 0;
        arm.OnWaitToPollAgain = _ =>
        {
            allWatched.Wait(HangGuard);
            lists++;
            arm.AddCollection(Collection, Names.Select(name => lists == 1 ? Cache(name, "Updating", "Enabled") : Cache(name, "Succeeded", "Disabled")).ToArray());
        };
        var observer = new CacheFleetObserver(arm);

        var waits = Names.Select(name => observer.WaitUntilAsync(ResourceId.Parse($"{Collection}/{name}"), IsDisabled, "the update", CancellationToken.None)).ToList();
        allWatched.Set();
        var caches = await Task.WhenAll(waits).WaitAsync(HangGuard);

        Assert.Equal(Names, caches.Select(cache => cache.Id.Name));
        Assert.All(caches, cache => Assert.Equal(("Succeeded", "Disabled"), (cache.ProvisioningState, cache.PublicNetworkAccess)));
        // Two intervals, one list each, and no cache read on its own.
        Assert.Equal(new[] { Collection, Collection }, arm.Reads);
    }

    [Fact]
    public async Task A_cache_missing_from_the_list_is_read_on_its_own_before_it_counts_as_gone()
    {
        var arm = new InMemoryArmGateway();
        arm.AddCollection(Collection);
        var id = $"{Collection}/c1";

        var wait = new CacheFleetObserver(arm).WaitUntilAsync(ResourceId.Parse(id), IsDisabled, "the update", CancellationToken.None);
        var error = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => wait.WaitAsync(HangGuard));

        Assert.Equal(("CacheNotFound", id), (error.ErrorId, error.Target));
        Assert.Equal(new[] { Collection, id }, arm.Reads);
    }

    [Fact]
    public async Task A_cache_that_runs_nothing_yet_is_not_as_asked_on_several_lists_ends_its_wait_with_an_error()
    {
        var arm = new InMemoryArmGateway();
        var id = $"{Collection}/c1";
        // Something else opened the cache again once this update was done.
        arm.AddCollection(Collection, Cache("c1", "Succeeded", "Enabled"));

        var wait = new CacheFleetObserver(arm).WaitUntilAsync(ResourceId.Parse(id), IsDisabled, "the update", CancellationToken.None);
        var error = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => wait.WaitAsync(HangGuard));

        Assert.Equal(("CacheChangedElsewhere", id), (error.ErrorId, error.Target));
        Assert.Equal(Enumerable.Repeat(Collection, CacheFleetObserver.IdleNotDoneLimit), arm.Reads);
    }

    [Fact]
    public async Task A_cache_the_list_shows_Failed_ends_its_wait_with_ProvisioningFailed()
    {
        var arm = new InMemoryArmGateway();
        arm.AddCollection(Collection, Cache("c1", "Failed", "Enabled"));

        var wait = new CacheFleetObserver(arm).WaitUntilAsync(ResourceId.Parse($"{Collection}/c1"), IsDisabled, "the update", CancellationToken.None);
        var error = await Assert.ThrowsAsync<ArmException>(() => wait.WaitAsync(HangGuard));

        Assert.Equal("ProvisioningFailed", error.Code);
    }

    private static bool IsDisabled(CacheState cache) => cache.IsIdle && cache.PublicNetworkAccess == "Disabled";

    private static object Cache(string name, string provisioningState, string publicNetworkAccess) => new
    {
        id = $"{Collection}/{name}",
        name,
        type = "Microsoft.Cache/Redis",
        location = "eastus",
        properties = new { provisioningState, publicNetworkAccess, sku = new { name = "Basic", family = "C", capacity = 0 } },
    };
}

using RedisPrivateLink.Emulator.Tests.Infrastructure;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests;

public sealed class PagingTests
{
    [Fact]
    public async Task LongListsArePagedWithNextLinks()
    {
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.PageSize = 3;
            o.TimeScale = 0;
        });
        await emulator.CreateGroupAsync("rg");
        for (var i = 0; i < 7; i++)
        {
            using var _ = await emulator.PutAsync(RedisTests.CachePath(emulator, $"cache{i}"),
                new { location = "eastus", properties = new { sku = new { name = "Basic", family = "C", capacity = 0 } } });
        }

        var names = new List<string>();
        var pages = 0;
        string? next = $"{emulator.Running.Endpoint}subscriptions/{emulator.Sub}/providers/Microsoft.Cache/redis?api-version={TestApiVersions.Redis}";
        while (next is not null)
        {
            var page = await (await emulator.FollowAsync(next)).JsonAsync();
            pages++;
            names.AddRange(page["value"]!.AsArray().Select(c => (string)c!["name"]!));
            next = (string?)page["nextLink"];
            Assert.True(next is null || next.StartsWith(emulator.Running.Endpoint.ToString(), StringComparison.Ordinal));
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"cache{i}"), names);
    }
}

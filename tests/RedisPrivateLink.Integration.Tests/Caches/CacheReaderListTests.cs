using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Integration.Tests.Infrastructure;

namespace RedisPrivateLink.Integration.Tests.Caches;

/// <summary>CacheReader.ForEachCacheAsync: scopes, name filters, paging, and a request count that doesn't grow with the fleet.</summary>
public sealed class CacheReaderListTests
{
    [Fact]
    public async Task CachesAreListedBySubscriptionByResourceGroupAndByName()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var arrange = new PrivateLinkArrangement(azure);
        await arrange.PrivateCacheAsync("rg-a", "cache-a1");
        await arrange.CacheAsync("rg-a", "cache-a2", wait: false);
        await arrange.ResourceGroupAsync("rg-b");
        await arrange.CacheAsync("rg-b", "other-b1", wait: false);
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);

        Assert.Equal(["cache-a1", "cache-a2", "other-b1"], await NamesAsync(reader, null, null));
        Assert.Equal(["cache-a1", "cache-a2"], await NamesAsync(reader, "rg-a", null));
        Assert.Equal(["other-b1"], await NamesAsync(reader, "rg-b", null));
        Assert.Equal(["cache-a2"], await NamesAsync(reader, null, name => name.EndsWith("a2", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AListedCacheCarriesItsEndpointsWithDnsRecordsFromCustomDnsConfigs()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var arrange = new PrivateLinkArrangement(azure);
        var setup = await arrange.PrivateCacheAsync("rg-listed", "cache-listed");
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);

        var cache = Assert.Single(await CollectAsync(reader, "rg-listed", null));

        Assert.Equal(("Disabled", "C1", "cache-listed.redis.cache.windows.net"), (cache.PublicNetworkAccess, cache.Size, cache.HostName));
        Assert.Equal(["10.1.0.4"], cache.PrivateIpAddresses);
        var endpoint = Assert.Single(cache.PrivateEndpoints);
        Assert.Equal(setup.EndpointId.ToString(), endpoint.Id, ignoreCase: true);
        Assert.Equal(setup.SubnetId.ToString(), endpoint.SubnetId, ignoreCase: true);
        Assert.Equal(("Approved", "10.1.0.4", "eastus"), (endpoint.ConnectionState, endpoint.PrivateIpAddress, endpoint.Location));
        Assert.StartsWith("pe-cache-listed.", endpoint.ConnectionName);
        var record = Assert.Single(endpoint.DnsRecords);
        Assert.Equal("cache-listed.privatelink.redis.cache.windows.net", record.Fqdn);
        Assert.Equal(PrivateLinkArrangement.DnsZoneName, record.ZoneName);
        Assert.Null(record.ZoneId);
        Assert.Equal(["10.1.0.4"], record.IpAddresses);
    }

    [Fact]
    public async Task TheNameFilterRunsBeforeAnyFurtherRequest()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var arrange = new PrivateLinkArrangement(azure);
        await arrange.PrivateCacheAsync("rg-filter", "cache-with-endpoint");
        await arrange.CacheAsync("rg-filter", "cache-plain", wait: false);
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);
        var readsBefore = azure.Arm.Counters.Reads;

        Assert.Equal(["cache-plain"], await NamesAsync(reader, null, name => name == "cache-plain"));

        // The list of classic caches and the (empty) list of Managed Redis caches; the filtered-out cache's endpoint is never read.
        Assert.Equal(2, azure.Arm.Counters.Reads - readsBefore);
    }

    [Fact]
    public async Task ListsFollowEveryPageAndHandEachCacheOnBeforeTheNextPageIsRead()
    {
        await using var azure = await EmulatedAzure.StartAsync(o => o.PageSize = 2);
        var arrange = new PrivateLinkArrangement(azure);
        await arrange.ResourceGroupAsync("rg-pages");
        var subnetId = await arrange.SubnetAsync("rg-pages", "vnet-pages", "10.4.0.0/16", "10.4.0.0/24");
        for (var i = 1; i <= 5; i++)
        {
            var cacheId = await arrange.CacheAsync("rg-pages", $"cache-page{i}", wait: false);
            if (i <= 3)
            {
                await arrange.EndpointAsync("rg-pages", $"pe-page{i}", subnetId, cacheId);
            }
        }

        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);
        var readsBefore = azure.Arm.Counters.Reads;
        var readsSeenByFirstCache = -1L;
        var caches = new List<RedisPrivateCache>();

        await reader.ForEachCacheAsync("rg-pages", null, (cache, _) =>
        {
            if (caches.Count == 0)
            {
                readsSeenByFirstCache = azure.Arm.Counters.Reads - readsBefore;
            }

            caches.Add(cache);
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.Equal(["cache-page1", "cache-page2", "cache-page3", "cache-page4", "cache-page5"], caches.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.Equal(3, caches.Count(c => c.PrivateEndpointCount == 1 && c.PrivateIpAddresses.Length == 1));
        Assert.Equal(3, caches.SelectMany(c => c.PrivateIpAddresses).Distinct().Count());

        // Three pages of caches and two of endpoints (listed once, when the first cache with a connection came), and the
        // (empty) list of Managed Redis caches.
        Assert.Equal(6, azure.Arm.Counters.Reads - readsBefore);
        Assert.True(readsSeenByFirstCache < 5, $"The first cache was handed on after {readsSeenByFirstCache} reads, so the list was not streamed.");
    }

    [Fact]
    public async Task ListingTenTimesMoreCachesCostsTheSameRequests()
    {
        await using var azure = await EmulatedAzure.StartAsync(o => o.Throttling.Enabled = false);
        var arrange = new PrivateLinkArrangement(azure);
        await arrange.ResourceGroupAsync("rg-fleet");
        var subnetId = await arrange.SubnetAsync("rg-fleet", "vnet-fleet", "10.5.0.0/16", "10.5.0.0/24");
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);

        await AddCachesWithEndpointsAsync(arrange, subnetId, 0, 3);
        var (smallFleet, smallFleetReads) = await CountedListAsync(azure, reader);
        await AddCachesWithEndpointsAsync(arrange, subnetId, 3, 27);
        var (largeFleet, largeFleetReads) = await CountedListAsync(azure, reader);

        Assert.Equal(3, smallFleet.Count);
        Assert.Equal(30, largeFleet.Count);
        Assert.All(largeFleet, cache => Assert.Equal("Approved", Assert.Single(cache.PrivateEndpoints).ConnectionState));
        Assert.Equal(30, largeFleet.SelectMany(c => c.PrivateIpAddresses).Distinct().Count());
        // The caches of each kind and the endpoints, one page each.
        Assert.Equal(3, smallFleetReads);
        Assert.Equal(smallFleetReads, largeFleetReads);
    }

    private static async Task AddCachesWithEndpointsAsync(PrivateLinkArrangement arrange, Engine.Arm.ResourceId subnetId, int first, int count)
    {
        await Task.WhenAll(Enumerable.Range(first, count).Select(async i =>
        {
            var cacheId = await arrange.CacheAsync("rg-fleet", $"cache-fleet{i:D2}", wait: false);
            await arrange.EndpointAsync("rg-fleet", $"pe-fleet{i:D2}", subnetId, cacheId);
        }));
    }

    private static async Task<(List<RedisPrivateCache> Caches, long Reads)> CountedListAsync(EmulatedAzure azure, CacheReader reader)
    {
        var readsBefore = azure.Arm.Counters.Reads;
        var caches = await CollectAsync(reader, null, null);
        return (caches, azure.Arm.Counters.Reads - readsBefore);
    }

    private static async Task<List<string>> NamesAsync(CacheReader reader, string? resourceGroupName, Func<string, bool>? nameFilter) =>
        (await CollectAsync(reader, resourceGroupName, nameFilter)).Select(c => c.Name).Order(StringComparer.Ordinal).ToList();

    private static async Task<List<RedisPrivateCache>> CollectAsync(CacheReader reader, string? resourceGroupName, Func<string, bool>? nameFilter)
    {
        var caches = new List<RedisPrivateCache>();
        await reader.ForEachCacheAsync(resourceGroupName, nameFilter, (cache, _) =>
        {
            caches.Add(cache);
            return Task.CompletedTask;
        }, CancellationToken.None);
        return caches;
    }
}

using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Integration.Tests.Infrastructure;

namespace RedisPrivateLink.Integration.Tests.Caches;

/// <summary>CacheReader's endpoint reads: one endpoint in detail, and lists of the endpoints that connect to caches.</summary>
public sealed class EndpointReaderTests
{
    [Fact]
    public async Task AnEndpointReadAloneHasItsCacheSideConnectionAndZoneGroupRecords()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var setup = await new PrivateLinkArrangement(azure).PrivateCacheAsync("rg-one", "cache-one");
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);

        var endpoint = await reader.GetEndpointAsync(setup.EndpointId, CancellationToken.None);

        Assert.NotNull(endpoint);
        Assert.Equal(("pe-cache-one", "rg-one", "Approved", "10.1.0.4"), (endpoint.Name, endpoint.ResourceGroupName, endpoint.ConnectionState, endpoint.PrivateIpAddress));
        Assert.StartsWith("pe-cache-one.", endpoint.ConnectionName);
        Assert.Equal(setup.CacheId.ToString(), endpoint.CacheId, ignoreCase: true);
        Assert.Equal("cache-one", endpoint.CacheName);
        var record = Assert.Single(endpoint.DnsRecords);
        Assert.Equal(("cache-one.privatelink.redis.cache.windows.net", PrivateLinkArrangement.DnsZoneName), (record.Fqdn, record.ZoneName));
        Assert.Equal(setup.ZoneId.ToString(), record.ZoneId, ignoreCase: true);
    }

    [Fact]
    public async Task AMissingEndpointAndAnEndpointToAnotherKindOfResourceReadAsNull()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var arrange = new PrivateLinkArrangement(azure);
        await arrange.ResourceGroupAsync("rg-other");
        var subnetId = await arrange.SubnetAsync("rg-other", "vnet-other", "10.6.0.0/16", "10.6.0.0/24");
        var storageEndpointId = await StorageEndpointAsync(azure, arrange, subnetId);
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);

        Assert.Null(await reader.GetEndpointAsync(storageEndpointId, CancellationToken.None));
        Assert.Null(await reader.GetEndpointAsync(
            ResourceId.ForResource(azure.SubscriptionId, "rg-other", "Microsoft.Network/privateEndpoints", "pe-gone"), CancellationToken.None));
    }

    [Fact]
    public async Task EndpointListsKeepOnlyEndpointsToCachesByScopeAndName()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var arrange = new PrivateLinkArrangement(azure);
        var setup = await arrange.PrivateCacheAsync("rg-ep", "cache-ep");
        await StorageEndpointAsync(azure, arrange, setup.SubnetId);
        await arrange.ResourceGroupAsync("rg-ep-manual");
        var manualSubnet = await arrange.SubnetAsync("rg-ep-manual", "vnet-ep-manual", "10.7.0.0/16", "10.7.0.0/24");
        await arrange.EndpointAsync("rg-ep-manual", "pe-manual", manualSubnet, setup.CacheId, manual: true);
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);

        var all = await CollectAsync(reader, null, null);
        Assert.Equal(["pe-cache-ep", "pe-manual"], all.Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["pe-manual"], (await CollectAsync(reader, "rg-ep-manual", null)).Select(e => e.Name));
        Assert.Equal(["pe-cache-ep"], (await CollectAsync(reader, null, name => name.StartsWith("pe-cache", StringComparison.Ordinal))).Select(e => e.Name));

        var approved = all.Single(e => e.Name == "pe-cache-ep");
        Assert.Equal(("Approved", "10.1.0.4", false), (approved.ConnectionState, approved.PrivateIpAddress, approved.IsManualConnection));
        Assert.StartsWith("pe-cache-ep.", approved.ConnectionName);
        Assert.Equal(setup.SubnetId.Parent!.ToString(), approved.VirtualNetworkId, ignoreCase: true);
        var record = Assert.Single(approved.DnsRecords);
        Assert.Equal(("cache-ep.privatelink.redis.cache.windows.net", null as string), (record.Fqdn, record.ZoneId));

        var pending = all.Single(e => e.Name == "pe-manual");
        Assert.Equal(("Pending", "Please approve", true), (pending.ConnectionState, pending.ConnectionDescription, pending.IsManualConnection));
        Assert.StartsWith("pe-manual.", pending.ConnectionName);
        Assert.Equal("cache-ep", pending.CacheName);
        Assert.Null(pending.PrivateIpAddress); // lists read no network interfaces; the detailed read shows it
        Assert.Empty(pending.DnsRecords);
    }

    [Fact]
    public async Task ListingEndpointsCostsTheEndpointPagesAndOneListOfCaches()
    {
        await using var azure = await EmulatedAzure.StartAsync(o => o.Throttling.Enabled = false);
        var arrange = new PrivateLinkArrangement(azure);
        await arrange.ResourceGroupAsync("rg-epfleet");
        var subnetId = await arrange.SubnetAsync("rg-epfleet", "vnet-epfleet", "10.8.0.0/16", "10.8.0.0/24");
        await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            var cacheId = await arrange.CacheAsync("rg-epfleet", $"cache-epfleet{i:D2}", wait: false);
            await arrange.EndpointAsync("rg-epfleet", $"pe-epfleet{i:D2}", subnetId, cacheId);
        }));
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);
        var readsBefore = azure.Arm.Counters.Reads;

        var endpoints = await CollectAsync(reader, "rg-epfleet", null);

        Assert.Equal(12, endpoints.Count);
        Assert.All(endpoints, e => Assert.Equal(e.Name.Replace("pe-", "cache-", StringComparison.Ordinal), e.CacheName));
        Assert.All(endpoints, e => Assert.StartsWith(e.Name + ".", e.ConnectionName));
        // The page of endpoints, and the caches of each kind listed once for the cache side.
        Assert.Equal(3, azure.Arm.Counters.Reads - readsBefore);
    }

    /// <summary>An endpoint to a storage account's blob service: a private endpoint that is no business of this module.</summary>
    private static async Task<ResourceId> StorageEndpointAsync(EmulatedAzure azure, PrivateLinkArrangement arrange, ResourceId subnetId)
    {
        var resourceGroupName = subnetId.ResourceGroupName!;
        var accountId = ResourceId.ForResource(azure.SubscriptionId, resourceGroupName, "Microsoft.Storage/storageAccounts", "storagetarget");
        await azure.Arm.PutAsync(accountId, new StorageAccount { Location = PrivateLinkArrangement.Location, Kind = "StorageV2" });
        return await arrange.EndpointAsync(resourceGroupName, "pe-storage", subnetId, accountId, groupId: "blob");
    }

    private static async Task<List<RedisPrivateEndpoint>> CollectAsync(CacheReader reader, string? resourceGroupName, Func<string, bool>? nameFilter)
    {
        var endpoints = new List<RedisPrivateEndpoint>();
        await reader.ForEachEndpointAsync(resourceGroupName, nameFilter, (endpoint, _) =>
        {
            endpoints.Add(endpoint);
            return Task.CompletedTask;
        }, CancellationToken.None);
        return endpoints;
    }
}

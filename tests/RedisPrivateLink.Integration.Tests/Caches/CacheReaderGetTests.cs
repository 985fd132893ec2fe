using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Integration.Tests.Infrastructure;

namespace RedisPrivateLink.Integration.Tests.Caches;

/// <summary>CacheReader's detailed view of one cache: every field of the cache, its endpoints and their DNS records.</summary>
public sealed class CacheReaderGetTests
{
    [Fact]
    public async Task AReadCacheHasEveryFieldOfTheCacheAndItsApprovedEndpoint()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var arrange = new PrivateLinkArrangement(azure);
        var setup = await arrange.PrivateCacheAsync("rg-get", "cache-get", cache => cache.Tags = new Dictionary<string, string> { ["env"] = "test" });
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);

        var cache = await reader.GetAsync(setup.CacheId, CancellationToken.None);

        Assert.NotNull(cache);
        Assert.Equal(setup.CacheId.ToString(), cache.Id, ignoreCase: true);
        Assert.Equal("cache-get", cache.Name);
        Assert.Equal("rg-get", cache.ResourceGroupName);
        Assert.Equal(azure.SubscriptionId, cache.SubscriptionId);
        Assert.Equal("eastus", cache.Location);
        Assert.Equal(CacheKind.Classic.Name, cache.Kind);
        Assert.Equal(6380, cache.Port);
        Assert.Equal(("Standard", "C1", "C", 1), (cache.Sku, cache.Size, cache.SkuFamily, cache.SkuCapacity));
        Assert.Equal("cache-get.redis.cache.windows.net", cache.HostName);
        Assert.Equal(6380, cache.SslPort);
        Assert.False(cache.EnableNonSslPort);
        Assert.Null(cache.NonSslPort);
        Assert.Equal("1.2", cache.MinimumTlsVersion);
        Assert.Equal("6.0", cache.RedisVersion);
        Assert.Equal("Succeeded", cache.ProvisioningState);
        Assert.Equal("Disabled", cache.PublicNetworkAccess);
        Assert.Null(cache.SubnetId);
        Assert.False(cache.IsVNetInjected);
        Assert.Null(cache.ShardCount);
        Assert.Empty(cache.Zones);
        Assert.Equal("test", cache.Tags["ENV"]);
        Assert.Equal("1000", cache.RedisConfiguration["maxclients"]);

        var endpoint = Assert.Single(cache.PrivateEndpoints);
        Assert.Equal(1, cache.PrivateEndpointCount);
        Assert.Equal(setup.EndpointId.ToString(), endpoint.Id, ignoreCase: true);
        Assert.Equal("pe-cache-get", endpoint.Name);
        Assert.Equal("rg-get", endpoint.ResourceGroupName);
        Assert.Equal(azure.SubscriptionId, endpoint.SubscriptionId);
        Assert.Equal("eastus", endpoint.Location);
        Assert.Equal(setup.SubnetId.ToString(), endpoint.SubnetId, ignoreCase: true);
        Assert.Equal(setup.SubnetId.Parent!.ToString(), endpoint.VirtualNetworkId, ignoreCase: true);
        Assert.Equal("10.1.0.4", endpoint.PrivateIpAddress);
        Assert.StartsWith("pe-cache-get.", endpoint.ConnectionName);
        Assert.Equal("Approved", endpoint.ConnectionState);
        Assert.Equal("Auto-Approved", endpoint.ConnectionDescription);
        Assert.Equal("Succeeded", endpoint.ProvisioningState);
        Assert.False(endpoint.IsManualConnection);
        Assert.Equal(setup.CacheId.ToString(), endpoint.CacheId, ignoreCase: true);
        Assert.Equal("cache-get", endpoint.CacheName);
        Assert.Equal(["10.1.0.4"], cache.PrivateIpAddresses);

        var record = Assert.Single(endpoint.DnsRecords);
        Assert.Equal("cache-get.privatelink.redis.cache.windows.net", record.Fqdn);
        Assert.Equal(PrivateLinkArrangement.DnsZoneName, record.ZoneName);
        Assert.Equal(setup.ZoneId.ToString(), record.ZoneId, ignoreCase: true);
        Assert.Equal(["10.1.0.4"], record.IpAddresses);
    }

    [Fact]
    public async Task AManualEndpointIsPendingWithItsInterfaceAddressButTheCacheHasNoPrivateAddressUntilApproved()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var arrange = new PrivateLinkArrangement(azure);
        await arrange.ResourceGroupAsync("rg-manual");
        var subnetId = await arrange.SubnetAsync("rg-manual", "vnet-manual", "10.2.0.0/16", "10.2.1.0/24");
        var cacheId = await arrange.CacheAsync("rg-manual", "cache-manual");
        await arrange.EndpointAsync("rg-manual", "pe-manual", subnetId, cacheId, manual: true);
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);

        var pending = (await reader.GetAsync("rg-manual", "cache-manual", CancellationToken.None))!;

        var endpoint = Assert.Single(pending.PrivateEndpoints);
        Assert.Equal("Pending", endpoint.ConnectionState);
        Assert.Equal("Please approve", endpoint.ConnectionDescription);
        Assert.True(endpoint.IsManualConnection);
        Assert.Equal("10.2.1.4", endpoint.PrivateIpAddress);
        Assert.Empty(endpoint.DnsRecords);
        Assert.Empty(pending.PrivateIpAddresses);

        await azure.Arm.PutAsync(cacheId.Child("privateEndpointConnections", endpoint.ConnectionName), new PrivateEndpointConnection
        {
            Properties = new PrivateEndpointConnectionProperties
            {
                PrivateLinkServiceConnectionState = new PrivateLinkServiceConnectionState { Status = "Approved", Description = "Approved by the test" },
            },
        });
        var approved = (await reader.GetAsync(cacheId, CancellationToken.None))!;

        Assert.Equal("Approved", approved.PrivateEndpoints[0].ConnectionState);
        Assert.Equal(["10.2.1.4"], approved.PrivateIpAddresses);
        var record = Assert.Single(approved.PrivateEndpoints[0].DnsRecords);
        Assert.Equal(("cache-manual.privatelink.redis.cache.windows.net", null as string), (record.Fqdn, record.ZoneId));
    }

    [Fact]
    public async Task AMissingCacheReadsAsNull()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var arrange = new PrivateLinkArrangement(azure);
        await arrange.ResourceGroupAsync("rg-empty");
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);

        Assert.Null(await reader.GetAsync("rg-empty", "no-such-cache", CancellationToken.None));
        Assert.Null(await reader.GetAsync("no-such-group", "no-such-cache", CancellationToken.None));
    }

    [Fact]
    public async Task SecretRedisConfigurationValuesAreRedactedAndPremiumSettingsShow()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var arrange = new PrivateLinkArrangement(azure);
        await arrange.ResourceGroupAsync("rg-premium");
        const string connectionString = "DefaultEndpointsProtocol=https;AccountName=backups;AccountKey=c2VjcmV0";
        var cacheId = await arrange.CacheAsync("rg-premium", "cache-premium", cache =>
        {
            cache.Zones = ["1", "2"];
            cache.Properties!.Sku = new RedisSku { Name = "Premium", Family = "P", Capacity = 2 };
            cache.Properties.ShardCount = 3;
            cache.Properties.EnableNonSslPort = true;
            cache.Properties.PublicNetworkAccess = "Enabled";
            cache.Properties.RedisConfiguration = new Dictionary<string, string>
            {
                ["rdb-backup-enabled"] = "true",
                ["rdb-backup-frequency"] = "60",
                ["rdb-storage-connection-string"] = connectionString,
                ["aof-storage-connection-string-0"] = connectionString,
            };
        });
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);

        var cache = (await reader.GetAsync(cacheId, CancellationToken.None))!;

        Assert.Equal(RedisPrivateCache.RedactedValue, cache.RedisConfiguration["rdb-storage-connection-string"]);
        Assert.Equal(RedisPrivateCache.RedactedValue, cache.RedisConfiguration["aof-storage-connection-string-0"]);
        Assert.Equal("60", cache.RedisConfiguration["rdb-backup-frequency"]);
        Assert.DoesNotContain(cache.RedisConfiguration.Values, v => v.Contains("AccountKey", StringComparison.Ordinal));
        Assert.Equal(("Premium", "P2", 3), (cache.Sku, cache.Size, cache.ShardCount));
        Assert.Equal(["1", "2"], cache.Zones);
        Assert.Equal(("Enabled", true, 6379 as int?), (cache.PublicNetworkAccess, cache.EnableNonSslPort, cache.NonSslPort));
        Assert.Empty(cache.PrivateEndpoints);
        Assert.Empty(cache.PrivateIpAddresses);
    }

    [Fact]
    public async Task AVNetInjectedCacheShowsItsSubnet()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var arrange = new PrivateLinkArrangement(azure);
        await arrange.ResourceGroupAsync("rg-injected");
        var subnetId = await arrange.SubnetAsync("rg-injected", "vnet-injected", "10.3.0.0/16", "10.3.0.0/24");
        var cacheId = await arrange.CacheAsync("rg-injected", "cache-injected", cache =>
        {
            cache.Properties!.Sku = new RedisSku { Name = "Premium", Family = "P", Capacity = 1 };
            cache.Properties.SubnetId = subnetId.ToString();
        });
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);

        var cache = (await reader.GetAsync(cacheId, CancellationToken.None))!;

        Assert.True(cache.IsVNetInjected);
        Assert.Equal(subnetId.ToString(), cache.SubnetId, ignoreCase: true);
    }

    [Fact]
    public async Task TheEndpointsOfACacheAreItsDetailedEndpointsAndAMissingCacheIsCacheNotFound()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var arrange = new PrivateLinkArrangement(azure);
        var setup = await arrange.PrivateCacheAsync("rg-of-cache", "cache-of");
        var secondSubnet = await arrange.SubnetAsync("rg-of-cache", "vnet-second", "10.9.0.0/16", "10.9.0.0/24");
        await arrange.EndpointAsync("rg-of-cache", "pe-second", secondSubnet, setup.CacheId);
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);

        var endpoints = await reader.GetEndpointsOfCacheAsync(setup.CacheId, CancellationToken.None);

        Assert.Equal(["pe-cache-of", "pe-second"], endpoints.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(["10.1.0.4", "10.9.0.4"], endpoints.Select(e => e.PrivateIpAddress).OrderBy(a => a, StringComparer.Ordinal));
        Assert.NotNull(endpoints.Single(e => e.Name == "pe-cache-of").DnsRecords.Single().ZoneId);
        Assert.Null(endpoints.Single(e => e.Name == "pe-second").DnsRecords.Single().ZoneId);

        var missing = await Assert.ThrowsAsync<RedisPrivateLink.Engine.RedisPrivateLinkException>(
            () => reader.GetEndpointsOfCacheAsync(arrange.CacheId("rg-of-cache", "gone"), CancellationToken.None));
        Assert.Equal("CacheNotFound", missing.ErrorId);
    }

    [Fact]
    public async Task IdsOfAnotherTypeAreRefused()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var reader = new CacheReader(azure.Arm, azure.SubscriptionId);
        var vnetId = ResourceId.ForResource(azure.SubscriptionId, "rg", "Microsoft.Network/virtualNetworks", "vnet");

        await Assert.ThrowsAsync<ArgumentException>(() => reader.GetAsync(vnetId, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => reader.GetEndpointAsync(vnetId, CancellationToken.None));
    }
}

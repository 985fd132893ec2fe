using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using Xunit;
using static RedisPrivateLink.Engine.Tests.Workflows.ManagedRedisArrangement;

namespace RedisPrivateLink.Engine.Tests.Caches;

/// <summary>The reader serves Managed Redis clusters like classic caches, and a mixed fleet in one list.</summary>
public class ManagedRedisReaderTests
{
    [Fact]
    public async Task AManagedRedisCacheSaysItsKindPortSkuAndEndpoints()
    {
        var arm = new InMemoryArmGateway();
        var endpointId = EndpointId("amr1-pe");
        arm.Add(ClusterId, Cluster("Disabled", Connection(endpointId, "Approved")));
        arm.Add(endpointId, Endpoint("amr1-pe", ClusterId, "10.0.1.4"));

        var cache = await new CacheReader(arm, SubscriptionId).GetAsync(ResourceId.Parse(ClusterId), CancellationToken.None);

        Assert.NotNull(cache);
        Assert.Equal(("ManagedRedis", 10000, "Balanced_B5", "B5", "Balanced"), (cache!.Kind, cache.Port, cache.Sku, cache.Size, cache.SkuFamily));
        Assert.Equal(("amr1.eastus.redis.azure.net", "eastus", "Enabled", "Running", "Disabled"), (cache.HostName, cache.Location, cache.HighAvailability, cache.ResourceState, cache.PublicNetworkAccess));
        Assert.False(cache.IsVNetInjected);
        Assert.Equal(new[] { "10.0.1.4" }, cache.PrivateIpAddresses);
        var record = Assert.Single(Assert.Single(cache.PrivateEndpoints).DnsRecords);
        Assert.Equal(("amr1.eastus.privatelink.redis.azure.net", "privatelink.redis.azure.net"), (record.Fqdn, record.ZoneName));
    }

    [Theory]
    [InlineData(true, "Disabled")]
    [InlineData(false, "Enabled")]
    public async Task AClusterThatStatesNoPublicAccessIsClosedOnlyWhileItHasEndpoints(bool hasEndpoint, string expected)
    {
        var arm = new InMemoryArmGateway();
        var endpointId = EndpointId("amr1-pe");
        arm.Add(ClusterId, hasEndpoint ? Cluster(null, Connection(endpointId, "Approved")) : Cluster(null));
        arm.Add(endpointId, Endpoint("amr1-pe", ClusterId, "10.0.1.4"));

        var cache = await new CacheReader(arm, SubscriptionId).GetAsync(ResourceId.Parse(ClusterId), CancellationToken.None);

        Assert.Equal(expected, cache!.PublicNetworkAccess);
    }

    [Fact]
    public async Task ByNameTheClassicCacheIsFoundFirstThenTheManagedOne()
    {
        var arm = new InMemoryArmGateway();
        arm.Add(ClusterId, Cluster("Disabled"));

        var cache = await new CacheReader(arm, SubscriptionId).GetAsync("rg", "amr1", CancellationToken.None);

        Assert.Equal("ManagedRedis", cache!.Kind);
        Assert.Equal(new[] { Group + "/providers/Microsoft.Cache/redis/amr1", ClusterId }, arm.Reads);
    }

    [Fact]
    public async Task ASubscriptionListShowsBothKindsWithTheSameRequestsHoweverManyCaches()
    {
        var small = await ListMixedFleetAsync(1);
        var large = await ListMixedFleetAsync(5);

        Assert.Equal(10, large.Caches.Count);
        Assert.Equal(new[] { "Classic", "ManagedRedis" }, large.Caches.Select(c => c.Kind).Distinct());
        Assert.All(large.Caches, c => Assert.Equal(c.Kind == "Classic" ? 6380 : 10000, c.Port));
        Assert.All(large.Caches, c => Assert.Equal("10.0.1.4", Assert.Single(c.PrivateIpAddresses)));
        Assert.Equal(small.Reads, large.Reads);
        Assert.Equal(new[]
        {
            $"/subscriptions/{SubscriptionId}/providers/Microsoft.Cache/redis",
            $"/subscriptions/{SubscriptionId}/providers/Microsoft.Network/privateEndpoints",
            $"/subscriptions/{SubscriptionId}/providers/Microsoft.Cache/redisEnterprise",
        }, large.Reads);
    }

    [Fact]
    public async Task AnEndpointListFindsTheManagedRedisSideOfEachConnection()
    {
        var arm = new InMemoryArmGateway();
        var endpointId = EndpointId("amr1-pe");
        arm.AddCollection($"/subscriptions/{SubscriptionId}/providers/Microsoft.Network/privateEndpoints", Endpoint("amr1-pe", ClusterId, "10.0.1.4"));
        arm.AddCollection($"/subscriptions/{SubscriptionId}/providers/Microsoft.Cache/redisEnterprise", Cluster("Disabled", Connection(endpointId, "Approved")));
        var endpoints = new List<RedisPrivateEndpoint>();

        await new CacheReader(arm, SubscriptionId).ForEachEndpointAsync(null, null, (e, _) =>
        {
            endpoints.Add(e);
            return Task.CompletedTask;
        }, CancellationToken.None);

        var endpoint = Assert.Single(endpoints);
        Assert.Equal(("amr1", "Approved", "amr1-pe.guid"), (endpoint.CacheName, endpoint.ConnectionState, endpoint.ConnectionName));
    }

    private static async Task<(IReadOnlyList<RedisPrivateCache> Caches, string[] Reads)> ListMixedFleetAsync(int perKind)
    {
        var arm = new InMemoryArmGateway();
        var classics = new List<object>();
        var clusters = new List<object>();
        var endpoints = new List<object>();
        for (var i = 0; i < perKind; i++)
        {
            var classicId = Group + "/providers/Microsoft.Cache/Redis/classic" + i;
            var classicEndpoint = EndpointId("classic-pe" + i);
            classics.Add(new RedisCache
            {
                Id = classicId,
                Name = "classic" + i,
                Location = "East US",
                Properties = new RedisCacheProperties
                {
                    Sku = new RedisSku { Name = "Standard", Family = "C", Capacity = 1 },
                    SslPort = 6380,
                    PublicNetworkAccess = "Disabled",
                    PrivateEndpointConnections = new List<PrivateEndpointConnection> { Connection(classicEndpoint, "Approved") },
                },
            });
            endpoints.Add(Endpoint("classic-pe" + i, classicId, "10.0.1.4"));

            var clusterId = Group + "/providers/Microsoft.Cache/redisEnterprise/amr" + i;
            var clusterEndpoint = EndpointId("amr-pe" + i);
            var cluster = Cluster("Disabled", Connection(clusterEndpoint, "Approved"));
            cluster.Id = clusterId;
            cluster.Name = "amr" + i;
            clusters.Add(cluster);
            endpoints.Add(Endpoint("amr-pe" + i, clusterId, "10.0.1.4"));
        }

        arm.AddCollection($"/subscriptions/{SubscriptionId}/providers/Microsoft.Cache/redis", classics.ToArray());
        arm.AddCollection($"/subscriptions/{SubscriptionId}/providers/Microsoft.Cache/redisEnterprise", clusters.ToArray());
        arm.AddCollection($"/subscriptions/{SubscriptionId}/providers/Microsoft.Network/privateEndpoints", endpoints.ToArray());
        var caches = new List<RedisPrivateCache>();
        await new CacheReader(arm, SubscriptionId).ForEachCacheAsync(null, null, (cache, _) =>
        {
            caches.Add(cache);
            return Task.CompletedTask;
        }, CancellationToken.None);
        return (caches, arm.Reads.ToArray());
    }
}

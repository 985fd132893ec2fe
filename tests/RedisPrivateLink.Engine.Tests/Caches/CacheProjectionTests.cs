using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Caches;

public class CacheProjectionTests
{
    private static readonly ResourceId CacheId = ResourceId.Parse("/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Cache/Redis/cache1");
    private static readonly ResourceId EndpointId = ResourceId.Parse("/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe1");

    [Fact]
    public void SecretConfigurationValuesAreRedactedWhateverTheirCase()
    {
        var cache = new RedisCache
        {
            Location = "East US 2",
            Properties = new RedisCacheProperties
            {
                RedisConfiguration = new Dictionary<string, string>
                {
                    ["RDB-Storage-Connection-String"] = "AccountKey=secret",
                    ["aof-storage-connection-string-1"] = "AccountKey=secret",
                    ["maxmemory-policy"] = "allkeys-lru",
                },
            },
        };

        var projected = CacheProjection.ToCache(cache, CacheId, new RedisPrivateEndpoint[0]);

        Assert.Equal(RedisPrivateCache.RedactedValue, projected.RedisConfiguration["rdb-storage-connection-string"]);
        Assert.Equal(RedisPrivateCache.RedactedValue, projected.RedisConfiguration["aof-storage-connection-string-1"]);
        Assert.Equal("allkeys-lru", projected.RedisConfiguration["maxmemory-policy"]);
        Assert.Equal("eastus2", projected.Location);
        Assert.Equal("Enabled", projected.PublicNetworkAccess);
    }

    [Fact]
    public void OnlyApprovedEndpointsGiveTheCacheAPrivateAddress()
    {
        var endpoints = new[]
        {
            CacheProjection.ToEndpoint(EndpointId, CacheId, Connection("Approved"), Snapshot("10.0.0.4"), null),
            CacheProjection.ToEndpoint(EndpointId, CacheId, Connection("Rejected"), Snapshot("10.0.0.5"), null),
        };

        var projected = CacheProjection.ToCache(new RedisCache(), CacheId, endpoints);

        Assert.Equal(new[] { "10.0.0.4" }, projected.PrivateIpAddresses);
        Assert.Equal(2, projected.PrivateEndpointCount);
    }

    [Fact]
    public void WithoutTheCacheSideTheEndpointsOwnRecordOfTheConnectionStandsIn()
    {
        var snapshot = Snapshot(null, endpointSideStatus: "Disconnected");

        var endpoint = CacheProjection.ToEndpoint(EndpointId, CacheId, null, snapshot, null);

        Assert.Equal("Disconnected", endpoint.ConnectionState);
        Assert.Equal("pe1-connection", endpoint.ConnectionName);
        Assert.Equal("/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet1", endpoint.VirtualNetworkId);
    }

    [Fact]
    public void AnEndpointThatCanNotBeReadKeepsWhatTheCacheSideSays()
    {
        var endpoint = CacheProjection.ToEndpoint(EndpointId, CacheId, Connection("Approved"), null, null);

        Assert.Equal(("pe1", "rg", "Approved", "pe1.guid"), (endpoint.Name, endpoint.ResourceGroupName, endpoint.ConnectionState, endpoint.ConnectionName));
        Assert.Null(endpoint.SubnetId);
        Assert.Null(endpoint.VirtualNetworkId);
        Assert.Null(endpoint.PrivateIpAddress);
        Assert.Empty(endpoint.DnsRecords);
    }

    private static PrivateEndpointConnection Connection(string status) => new()
    {
        Name = "pe1.guid",
        Properties = new PrivateEndpointConnectionProperties
        {
            PrivateEndpoint = new SubResource(EndpointId.ToString()),
            PrivateLinkServiceConnectionState = new PrivateLinkServiceConnectionState { Status = status },
        },
    };

    private static EndpointSnapshot Snapshot(string? address, string endpointSideStatus = "Approved") => EndpointSnapshot.From(new PrivateEndpoint
    {
        Id = EndpointId.ToString(),
        Location = "eastus",
        Properties = new PrivateEndpointProperties
        {
            Subnet = new SubResource("/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/default"),
            PrivateLinkServiceConnections = new List<PrivateLinkServiceConnection>
            {
                new()
                {
                    Name = "pe1-connection",
                    Properties = new PrivateLinkServiceConnectionProperties
                    {
                        PrivateLinkServiceId = CacheId.ToString(),
                        PrivateLinkServiceConnectionState = new PrivateLinkServiceConnectionState { Status = endpointSideStatus },
                    },
                },
            },
            CustomDnsConfigs = address is null
                ? new List<CustomDnsConfig>()
                : new List<CustomDnsConfig> { new() { Fqdn = "cache1.redis.cache.windows.net", IpAddresses = new List<string> { address } } },
        },
    })!;
}

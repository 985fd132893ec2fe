using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Caches;

/// <summary>A cache's endpoint may live in another subscription (Azure allows it); lists read such an endpoint on its own.</summary>
public class CrossSubscriptionTests
{
    private const string CacheId = "/subscriptions/home/resourceGroups/rg/providers/Microsoft.Cache/Redis/cache1";
    private const string VisibleEndpointId = "/subscriptions/spoke/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-visible";
    private const string HiddenEndpointId = "/subscriptions/locked/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe-hidden";

    [Fact]
    public async Task AnEndpointInAnotherSubscriptionIsReadOnItsOwnAndAnUnreadableOneKeepsTheCacheSide()
    {
        var arm = new InMemoryArmGateway();
        arm.AddCollection("/subscriptions/home/providers/Microsoft.Cache/redis", Cache());
        arm.Add(VisibleEndpointId, Endpoint());
        arm.Forbid(HiddenEndpointId);
        var caches = new List<RedisPrivateCache>();

        await new CacheReader(arm, "home").ForEachCacheAsync(null, null, (cache, _) =>
        {
            caches.Add(cache);
            return Task.CompletedTask;
        }, CancellationToken.None);

        var cache = Assert.Single(caches);
        var visible = cache.PrivateEndpoints.Single(e => e.Name == "pe-visible");
        Assert.Equal(("spoke", "10.0.0.4", "eastus"), (visible.SubscriptionId, visible.PrivateIpAddress, visible.Location));
        var hidden = cache.PrivateEndpoints.Single(e => e.Name == "pe-hidden");
        Assert.Equal(("locked", "Approved", "pe-hidden.guid"), (hidden.SubscriptionId, hidden.ConnectionState, hidden.ConnectionName));
        Assert.Null(hidden.SubnetId);
        Assert.Equal(new[] { "10.0.0.4" }, cache.PrivateIpAddresses);
        // No endpoint lives in the home subscription, so its endpoints are never listed; Managed Redis caches are listed after the classic ones.
        Assert.Equal(new[] { "/subscriptions/home/providers/Microsoft.Cache/redis", VisibleEndpointId, HiddenEndpointId, "/subscriptions/home/providers/Microsoft.Cache/redisEnterprise" }, arm.Reads);
    }

    private static RedisCache Cache() => new()
    {
        Id = CacheId,
        Name = "cache1",
        Location = "East US",
        Properties = new RedisCacheProperties
        {
            PrivateEndpointConnections = new List<PrivateEndpointConnection> { Connection(VisibleEndpointId, "pe-visible.guid"), Connection(HiddenEndpointId, "pe-hidden.guid") },
        },
    };

    private static PrivateEndpointConnection Connection(string endpointId, string name) => new()
    {
        Name = name,
        Properties = new PrivateEndpointConnectionProperties
        {
            PrivateEndpoint = new SubResource(endpointId),
            PrivateLinkServiceConnectionState = new PrivateLinkServiceConnectionState { Status = "Approved" },
        },
    };

    private static PrivateEndpoint Endpoint() => new()
    {
        Id = VisibleEndpointId,
        Location = "eastus",
        Properties = new PrivateEndpointProperties
        {
            Subnet = new SubResource("/subscriptions/spoke/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default"),
            PrivateLinkServiceConnections = new List<PrivateLinkServiceConnection>
            {
                new() { Name = "c", Properties = new PrivateLinkServiceConnectionProperties { PrivateLinkServiceId = CacheId } },
            },
            CustomDnsConfigs = new List<CustomDnsConfig> { new() { Fqdn = "cache1.redis.cache.windows.net", IpAddresses = new List<string> { "10.0.0.4" } } },
        },
    };
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Tests.Caches;
using RedisPrivateLink.Engine.Workflows;
using Xunit;
using static RedisPrivateLink.Engine.Tests.Workflows.ManagedRedisArrangement;

namespace RedisPrivateLink.Engine.Tests.Workflows;

/// <summary>
/// The ARM reads of Add-RedisPrivateEndpoint (a fleet piped into it is bound by ARM's read bucket). Each
/// resource is read once in preparation, and each step reads only what it writes; a read added back fails here.
/// </summary>
public class AddPrivateEndpointReadsTests
{
    private const string CacheId = Group + "/providers/Microsoft.Cache/redis/c1";
    private const string ZoneId = Group + "/providers/Microsoft.Network/privateDnsZones/privatelink.redis.cache.windows.net";
    private const string ZonesOfSubscription = "/subscriptions/" + SubscriptionId + "/providers/Microsoft.Network/privateDnsZones";
    private static readonly string EndpointOfCache = EndpointId("c1-pe-vnet");

    /// <summary>Microsoft.Network's registration, read once per context (this fake has no providers: unreadable, so read each time).</summary>
    private static readonly string NetworkProvider = Group[..Group.IndexOf("/resourceGroups/", StringComparison.OrdinalIgnoreCase)] + "/providers/Microsoft.Network";

    [Fact]
    public async Task APipedCacheInAnExistingSubnetIsPreparedWithOneReadOfEachResource()
    {
        var arm = ArrangeCacheSubnetAndZone();

        var prepared = await AddPrivateEndpointWorkflow.PrepareAsync(ContextOver(arm), new AddPrivateEndpointRequest { CacheId = CacheId, SubnetId = SubnetId }, CancellationToken.None);

        // The virtual network carries the subnet. The existing network's zone is the one of the name it is linked to
        // (hub and spoke), found from the subscription's zones and their links; that zone is not read again.
        Assert.Equal(new[]
        {
            CacheId,
            VirtualNetworkId,
            EndpointOfCache,
            ZonesOfSubscription,
            ZoneId + "/virtualNetworkLinks",
            ZoneId + "/A/c1",
            NetworkProvider,
        }, arm.Reads, StringComparer.OrdinalIgnoreCase);

        arm.Reads.Clear();
        await PlanExecutor.RunAsync(prepared.Plan, new PlanRunOptions(), CancellationToken.None);

        // Each step reads what it is about to write, and not the parent an earlier step has just made or reused; the
        // zone the network is linked to is used as it is, so it has no step.
        Assert.Equal(new[]
        {
            ZoneId + "/virtualNetworkLinks",
            EndpointOfCache,
            EndpointOfCache + "/privateDnsZoneGroups",
        }, arm.Reads, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(new[] { "PUT " + EndpointOfCache, "PUT " + EndpointOfCache + "/privateDnsZoneGroups/default" }, arm.Writes);
    }

    [Fact]
    public async Task ACacheGivenByNameIsReadOnlyByTheLookupAndItsResourceGroupNotAtAll()
    {
        var arm = new InMemoryArmGateway();
        arm.Add(CacheId, Cache());
        var request = new AddPrivateEndpointRequest
        {
            CacheName = "c1",
            CacheResourceGroupName = "rg",
            VirtualNetworkName = "v1",
            AddressPrefix = new[] { "10.1.0.0/16" },
            SubnetName = "pe",
            SubnetPrefix = "10.1.1.0/24",
        };

        var prepared = await AddPrivateEndpointWorkflow.PrepareAsync(ContextOver(arm), request, CancellationToken.None);

        // The lookup reads both kinds (a name may be taken by either); the new VNet goes in the cache's resource group,
        // which exists because the cache does.
        Assert.Equal(new[]
        {
            CacheId,
            Group + "/providers/Microsoft.Cache/redisEnterprise/c1",
            Group + "/providers/Microsoft.Network/virtualNetworks/v1",
            EndpointId("c1-pe-v1"),
            ZoneId,
            NetworkProvider,
        }, arm.Reads, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(CacheId, prepared.CacheId.ToString(), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ANameNoCacheHasIsRefusedAfterTheLookupWithoutAnotherRead()
    {
        var arm = new InMemoryArmGateway();
        var request = new AddPrivateEndpointRequest { CacheName = "c1", CacheResourceGroupName = "rg", SubnetId = SubnetId };

        var error = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => AddPrivateEndpointWorkflow.PrepareAsync(ContextOver(arm), request, CancellationToken.None));

        Assert.Equal(MissingCache.ErrorId, error.ErrorId);
        Assert.Equal(new[] { CacheId, Group + "/providers/Microsoft.Cache/redisEnterprise/c1" }, arm.Reads, StringComparer.OrdinalIgnoreCase);
    }

    private static InMemoryArmGateway ArrangeCacheSubnetAndZone()
    {
        var arm = new InMemoryArmGateway();
        AddSubnet(arm);
        arm.Add(CacheId, Cache());
        var zone = new PrivateDnsZone { Id = ZoneId, Name = "privatelink.redis.cache.windows.net", Location = "global", Properties = new PrivateDnsZoneProperties { ProvisioningState = "Succeeded" } };
        arm.Add(ZoneId, zone);
        arm.AddCollection(ZonesOfSubscription, zone);
        arm.AddCollection(ZoneId + "/virtualNetworkLinks", new VirtualNetworkLink
        {
            Id = ZoneId + "/virtualNetworkLinks/vnet-link",
            Name = "vnet-link",
            Properties = new VirtualNetworkLinkProperties { ProvisioningState = "Succeeded", VirtualNetwork = new SubResource(VirtualNetworkId), RegistrationEnabled = false },
        });
        return arm;
    }

    private static RedisCache Cache() => new()
    {
        Id = CacheId,
        Name = "c1",
        Type = "Microsoft.Cache/Redis",
        Location = "East US",
        Properties = new RedisCacheProperties
        {
            ProvisioningState = "Succeeded",
            Sku = new RedisSku { Name = "Basic", Family = "C", Capacity = 0 },
            HostName = "c1.redis.cache.windows.net",
            PrivateEndpointConnections = new List<PrivateEndpointConnection>(),
        },
    };
}

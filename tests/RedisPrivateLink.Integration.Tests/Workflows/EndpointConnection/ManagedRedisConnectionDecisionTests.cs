using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// Approve-/Deny-RedisPrivateEndpointConnection -CacheName on Azure Managed Redis: the name finds the cluster, and a
/// name a classic cache and a cluster share in one group is refused before any write.
/// </summary>
public sealed class ManagedRedisConnectionDecisionTests
{
    [Fact]
    public async Task ACacheNameFindsTheManagedRedisClusterWhosePendingConnectionIsThenApproved()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(NewManagedCache("amr1"));
        await AddManualEndpointAsync(scenario, scenario.ClusterId("amr1"));
        var connectionName = await PendingConnectionNameAsync(scenario, scenario.ClusterId("amr1"));

        var cacheId = await FindAsync(scenario, "amr1");
        await WorkflowScenario.RunAsync(await EndpointConnectionWorkflow.PrepareAsync(scenario.Azure.Context, cacheId.ToString(), connectionName, approve: true, "ok", CancellationToken.None));

        Assert.Equal(scenario.ClusterId("amr1"), cacheId);
        var connection = await scenario.RequireAsync<PrivateEndpointConnection>(scenario.ClusterId("amr1").Child("privateEndpointConnections", connectionName));
        Assert.Equal("Approved", connection.Properties!.PrivateLinkServiceConnectionState!.Status);
    }

    [Fact]
    public async Task ANameOfOnlyAClassicCacheStillFindsTheClassicCache()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await PrivateLinkArrangements.CreateCacheWithoutEndpointsAsync(scenario);

        Assert.Equal(scenario.CacheId(), await FindAsync(scenario, "cache1"));
    }

    [Fact]
    public async Task ANameAClassicCacheAndAManagedRedisClusterShareIsRefusedNamingBothIds()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(NewManagedCache("cache1"));
        await PrivateLinkArrangements.CreateCacheWithoutEndpointsAsync(scenario);
        await scenario.Control.ClearRequestsAsync();

        var error = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => FindAsync(scenario, "cache1"));

        Assert.Equal(WorkflowErrorIds.AmbiguousCacheName, error.ErrorId);
        Assert.Contains("-CacheId", error.Message);
        Assert.Contains(scenario.CacheId().ToString(), error.Message);
        Assert.Contains(scenario.ClusterId("cache1").ToString(), error.Message);
        Assert.Empty(await scenario.Control.WritesAsync());
    }

    private static Task<ResourceId> FindAsync(WorkflowScenario scenario, string name) =>
        CacheByName.FindIdAsync(scenario.Arm, scenario.Subscription, WorkflowScenario.Group, name, "CacheName", "CacheId", CancellationToken.None);

    private static NewPrivateCacheRequest NewManagedCache(string name)
    {
        var request = WorkflowScenario.NewCache(name);
        request.Sku = "Balanced_B5";
        request.Size = null;
        return request;
    }

    private static async Task AddManualEndpointAsync(WorkflowScenario scenario, ResourceId cacheId) =>
        await WorkflowScenario.RunAsync(await scenario.PrepareAsync(new AddPrivateEndpointRequest
        {
            CacheId = cacheId.ToString(),
            VirtualNetworkName = "vnet2",
            VirtualNetworkResourceGroupName = PrivateLinkArrangements.ManualEndpointGroup,
            AddressPrefix = new[] { "10.1.0.0/16" },
            SubnetName = "endpoints",
            SubnetPrefix = "10.1.0.0/24",
            ManualApproval = true,
            RequestMessage = "Please approve: app team",
        }));

    private static async Task<string> PendingConnectionNameAsync(WorkflowScenario scenario, ResourceId clusterId)
    {
        var cluster = await scenario.RequireAsync<ManagedRedisCluster>(clusterId);
        return cluster.Properties!.PrivateEndpointConnections!
            .Single(c => c.Properties!.PrivateLinkServiceConnectionState!.Status == "Pending")
            .Name!;
    }
}

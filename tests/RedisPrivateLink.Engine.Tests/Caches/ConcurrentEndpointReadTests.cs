using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Caches;

public class ConcurrentEndpointReadTests
{
    private const string CacheId = "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Cache/Redis/cache1";

    [Fact]
    public async Task TheEndpointsOfACacheAndTheirZoneGroupsAreReadAtTheSameTime()
    {
        var arm = new InMemoryArmGateway();
        arm.Add(CacheId, new RedisCache
        {
            Id = CacheId,
            Properties = new RedisCacheProperties { PrivateEndpointConnections = new List<PrivateEndpointConnection> { Connection("pe1"), Connection("pe2") } },
        });

        // Each endpoint GET and zone group list is held until all four have started: reads made one after another never get there.
        var started = 0;
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        arm.BeforeRead = async path =>
        {
            if (path.Contains("/privateEndpoints/", StringComparison.OrdinalIgnoreCase))
            {
                if (Interlocked.Increment(ref started) == 4)
                {
                    allStarted.SetResult();
                }

                await allStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        };

        var cache = await new CacheReader(arm, "sub").GetAsync(ResourceId.Parse(CacheId), CancellationToken.None);

        Assert.Equal(2, cache!.PrivateEndpointCount);
        Assert.Equal(4, started);
    }

    private static PrivateEndpointConnection Connection(string endpointName) => new()
    {
        Name = endpointName + ".guid",
        Properties = new PrivateEndpointConnectionProperties
        {
            PrivateEndpoint = new SubResource($"/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/{endpointName}"),
            PrivateLinkServiceConnectionState = new PrivateLinkServiceConnectionState { Status = "Approved" },
        },
    };
}

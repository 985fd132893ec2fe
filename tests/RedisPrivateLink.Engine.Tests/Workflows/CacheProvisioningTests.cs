using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Tests.Caches;
using RedisPrivateLink.Engine.Workflows;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Workflows;

public class CacheProvisioningTests
{
    private static readonly ResourceId CacheId = ResourceId.Parse("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Cache/redis/cache1");

    /// <summary>
    /// Between reads it waits as the gateway waits between polls (the service's interval, scaled on the emulator), not
    /// on a clock of its own: the fake moves the cache on only when that wait is asked for.
    /// </summary>
    [Fact]
    public async Task WaitsBetweenReadsThroughTheGatewaysPollInterval()
    {
        var arm = new InMemoryArmGateway();
        var states = new Queue<string>(new[] { "Creating", "Succeeded" });
        arm.Add(CacheId.ToString(), Cache("Creating"));
        var waits = new List<ResourceId>();
        arm.OnWaitToPollAgain = id =>
        {
            waits.Add(id);
            arm.Add(CacheId.ToString(), Cache(states.Dequeue()));
        };
        var statuses = new List<string>();
        var step = new StepContext(new PlanStep("cache", "Create", "cache 'cache1'", "Create cache 'cache1'", null, (_, _) => Task.FromResult(StepResult.Created())), statuses.Add);
        using var timeout = new CancellationTokenSource(System.TimeSpan.FromSeconds(10));

        var cache = await CacheProvisioning.WaitAsync(arm, CacheId, step, timeout.Token);

        Assert.Equal("Succeeded", cache.Properties!.ProvisioningState);
        Assert.Equal(new[] { CacheId, CacheId }, waits);
        Assert.Equal(3, arm.Reads.Count);
        Assert.StartsWith("Waiting for cache 'cache1' to be provisioned", statuses[0]);
    }

    private static object Cache(string provisioningState) => new
    {
        id = CacheId.ToString(),
        name = "cache1",
        type = "Microsoft.Cache/Redis",
        location = "westeurope",
        properties = new { provisioningState, sku = new { name = "Premium", family = "P", capacity = 1 } },
    };
}

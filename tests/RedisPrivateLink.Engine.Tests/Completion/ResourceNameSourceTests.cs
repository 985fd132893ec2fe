using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Completion;
using RedisPrivateLink.Engine.Tests.Caches;
using Xunit;
using static RedisPrivateLink.Engine.Tests.Workflows.ManagedRedisArrangement;

namespace RedisPrivateLink.Engine.Tests.Completion;

public class ResourceNameSourceTests
{
    [Fact]
    public async Task CacheNamesCompleteAcrossBothKindsSortedAndOnce()
    {
        var arm = new InMemoryArmGateway();
        arm.AddCollection(Group + "/providers/Microsoft.Cache/redis", new RedisCache { Name = "zeta" }, new RedisCache { Name = "shared" });
        arm.AddCollection(Group + "/providers/Microsoft.Cache/redisEnterprise", new ManagedRedisCluster { Name = "alpha" }, new ManagedRedisCluster { Name = "shared" });

        var names = await new ResourceNameSource(arm, SubscriptionId).CachesAsync("rg", CancellationToken.None);

        Assert.Equal(new[] { "alpha", "shared", "zeta" }, names);
    }
}

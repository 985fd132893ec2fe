using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// A Managed Redis create Azure accepts and then cannot allocate (the emulator's allocationFailed
/// fault) is named by its cause, and a re-run that finds the CreateFailed cluster refuses before any write.
/// </summary>
public sealed class ManagedRedisCreateFailureTests
{
    [Theory]
    [InlineData("InsufficientCapacity")]
    [InlineData("AllocationFailed")]
    public async Task ACapacityFailureIsNamedWithAnotherRegionOrSkuAndTheDeleteCommand(string code)
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.Control.AddFaultAsync(new { method = "PUT", pathPattern = "*/redisEnterprise/amr1", kind = "allocationFailed", code });

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => scenario.CreateAsync(NewManagedCache()));

        var cause = Assert.IsType<RedisPrivateLinkException>(failure.InnerException);
        Assert.Equal(WorkflowErrorIds.ManagedRedisCapacityUnavailable, cause.ErrorId);
        Assert.Contains(code, cause.Message);
        Assert.Contains("another region (-Location) or with another SKU (-Sku)", cause.Message);
        Assert.Contains("Running the same command again does not help", cause.Message);
        Assert.Contains($"Remove-AzRedisEnterpriseCache -ResourceGroupName '{WorkflowScenario.Group}' -Name 'amr1'", cause.Message);
        Assert.Contains($"DELETE {scenario.ClusterId("amr1")}?api-version=2025-07-01", cause.Message);
        var cluster = await scenario.RequireAsync<ManagedRedisCluster>(scenario.ClusterId("amr1"));
        Assert.Equal(("Failed", "CreateFailed"), (cluster.Properties!.ProvisioningState, cluster.Properties.ResourceState));
    }

    [Fact]
    public async Task AFailedCreateWithNoErrorIsNamedByTheClustersCreateFailedState()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.Control.AddFaultAsync(new { method = "PUT", pathPattern = "*/redisEnterprise/amr1", kind = "allocationFailed" });

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => scenario.CreateAsync(NewManagedCache()));

        var cause = Assert.IsType<RedisPrivateLinkException>(failure.InnerException);
        Assert.Equal(WorkflowErrorIds.ManagedRedisCreateFailed, cause.ErrorId);
        Assert.Contains("resource state CreateFailed", cause.Message);
        Assert.Contains("Remove-AzRedisEnterpriseCache", cause.Message);
        Assert.Contains("another region (-Location) or SKU (-Sku)", cause.Message);
    }

    [Fact]
    public async Task ARerunThatFindsACreateFailedClusterRefusesBeforeAnyWrite()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.Control.AddFaultAsync(new { method = "PUT", pathPattern = "*/redisEnterprise/amr1", kind = "allocationFailed", code = "InsufficientCapacity" });
        await Assert.ThrowsAsync<PlanStepFailedException>(() => scenario.CreateAsync(NewManagedCache()));
        await scenario.Control.ClearRequestsAsync();

        var refused = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => scenario.PrepareAsync(NewManagedCache()));

        Assert.Equal(WorkflowErrorIds.ManagedRedisCreateFailed, refused.ErrorId);
        Assert.Contains($"Remove-AzRedisEnterpriseCache -ResourceGroupName '{WorkflowScenario.Group}' -Name 'amr1'", refused.Message);
        Assert.Empty(await scenario.Control.WritesAsync());
    }

    private static NewPrivateCacheRequest NewManagedCache()
    {
        var request = WorkflowScenario.NewCache("amr1");
        request.Sku = "Balanced_B5";
        request.Size = null;
        return request;
    }
}

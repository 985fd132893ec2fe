using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Integration.Tests.Workflows;

namespace RedisPrivateLink.Integration.Tests.Caches;

/// <summary>
/// NoRegisteredProviderFound for Managed Redis means "not offered" only when the provider does not
/// list the type; when it does, the api-version has not reached the region, and lists and lookups say so.
/// </summary>
public sealed class ManagedRedisRegionalAvailabilityTests
{
    private const string ManagedRedisType = "Microsoft.Cache/redisEnterprise";

    [Fact]
    public async Task AFleetListStopsWithApiVersionNotInRegionWhenTheTypeExistsButNotAtThisApiVersionThere()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache("classic1"));
        await scenario.Control.MakeUnavailableAsync(ManagedRedisType, "uksouth", ApiVersions.RedisEnterprise, listed: true);

        var listed = new List<string>();
        var error = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => ListAsync(scenario, listed));

        Assert.Equal(ArmErrorIds.ApiVersionNotInRegion, error.ErrorId);
        Assert.Contains($"api-version '{ApiVersions.RedisEnterprise}'", error.Message);
        Assert.Contains("region 'uksouth'", error.Message);
        Assert.Contains("No registered resource provider found for location 'uksouth'", error.Message);
    }

    [Fact]
    public async Task AFleetListShowsTheClassicCachesWhenTheCloudHasNoManagedRedis()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache("classic1"));
        await scenario.Control.MakeUnavailableAsync(ManagedRedisType, "eastus", apiVersion: null, listed: false);

        var listed = new List<string>();
        await ListAsync(scenario, listed);

        Assert.Equal(new[] { "classic1" }, listed);
    }

    [Fact]
    public async Task ANameLookupInARegionWithoutTheApiVersionDoesNotFallBackToTheClassicKind()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync(WorkflowScenario.Group);
        await scenario.Control.MakeUnavailableAsync(ManagedRedisType, "eastus", ApiVersions.RedisEnterprise, listed: true);

        var error = await Assert.ThrowsAsync<RedisPrivateLinkException>(() => new CacheReader(scenario.Arm, scenario.Subscription).GetAsync(WorkflowScenario.Group, "amr1"));

        Assert.Equal(ArmErrorIds.ApiVersionNotInRegion, error.ErrorId);
        Assert.Contains("region 'eastus'", error.Message);
    }

    private static Task ListAsync(WorkflowScenario scenario, List<string> listed) =>
        new CacheReader(scenario.Arm, scenario.Subscription).ForEachCacheAsync(null, null, (cache, _) =>
        {
            listed.Add(cache.Name);
            return Task.CompletedTask;
        });
}

using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.ConvertArrangements;

namespace RedisPrivateLink.Integration.Tests.Workflows;

public sealed class ConvertToManagedRedisRefusalTests
{
    public static TheoryData<string, Action<ConvertVNetCacheRequest>> TargetSkuRefusals => new()
    {
        { WorkflowErrorIds.ReuseNameWithTargetSku, r => { r.NewName = null; r.ReuseName = true; } },
        { WorkflowErrorIds.TargetSkuIsClassic, r => r.TargetSku = "Premium" },
        { WorkflowErrorIds.TargetSkuIsClassic, r => r.TargetSku = "P1" },
        { WorkflowErrorIds.TargetSkuIsClassic, r => r.TargetSku = "Standard_C3" },
        { ValidationErrorIds.InvalidCacheSku, r => r.TargetSku = "Balanced_B7" },
        { WorkflowErrorIds.AccessKeysWithoutTargetSku, r => { r.TargetSku = null; r.EnableAccessKeysAuthentication = true; } },
        { ValidationErrorIds.InvalidCacheName, r => r.NewName = new string('a', 61) },
    };

    [Theory]
    [MemberData(nameof(TargetSkuRefusals))]
    public async Task BadTargetSkuRequestsAreRefusedBeforeAnyWrite(string errorId, Action<ConvertVNetCacheRequest> change)
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        var request = ManagedRedisRequest(s);
        change(request);

        var error = await AssertRefusedAsync(s, request, errorId);

        Assert.DoesNotContain(Signature, error.Message);
    }

    [Fact]
    public async Task TheClassicRefusalNamesTheSuggestionAndTheReuseNameRefusalSaysWhy()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        var classic = ManagedRedisRequest(s, "P1");
        var reuse = ManagedRedisRequest(s);
        (reuse.NewName, reuse.ReuseName) = (null, true);

        var classicError = await AssertRefusedAsync(s, classic, WorkflowErrorIds.TargetSkuIsClassic);
        var reuseError = await AssertRefusedAsync(s, reuse, WorkflowErrorIds.ReuseNameWithTargetSku);

        Assert.Contains("-TargetSku Suggested", classicError.Message, StringComparison.Ordinal);
        Assert.Contains("P5 -> Balanced_B100", classicError.Message, StringComparison.Ordinal);
        Assert.Contains("redis.azure.net", reuseError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagedRedisCacheOfThatNameThatIsNotTheTargetIsRefused()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await PutUnrelatedClusterAsync(s, "Balanced_B1");

        await AssertRefusedAsync(s, ManagedRedisRequest(s), WorkflowErrorIds.CacheNameNotAvailable);
    }
}

using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.ConvertArrangements;

namespace RedisPrivateLink.Integration.Tests.Workflows;

public sealed class ConvertVNetCacheRefusalTests
{
    public static TheoryData<string, Action<ConvertVNetCacheRequest>> RequestRefusals => new()
    {
        { WorkflowErrorIds.ConflictingMigrationStrategy, r => r.ReuseName = true },
        { WorkflowErrorIds.ConflictingMigrationStrategy, r => r.NewName = null },
        { WorkflowErrorIds.ConflictingMigrationStrategy, r => { r.NewName = null; r.ReuseName = true; r.KeepSource = true; } },
        { ValidationErrorIds.InvalidCacheName, r => r.NewName = "not_a_cache!" },
        { WorkflowErrorIds.InvalidDataMigration, r => r.DataMigration = "Copy" },
        { WorkflowErrorIds.DataMigrationRequired, r => (r.DataMigration, r.StorageContainerUri) = (null, null) },
        { WorkflowErrorIds.DataMigrationRequired, r => r.DataMigration = null },
        { WorkflowErrorIds.DataMigrationRequired, r => (r.DataMigration, r.NewName, r.ReuseName) = (" ", null, true) },
        { WorkflowErrorIds.DataMigrationRequired, r => (r.DataMigration, r.TargetSku) = (null, "Suggested") },
        { WorkflowErrorIds.StorageContainerUriRequired, r => r.StorageContainerUri = null },
        { WorkflowErrorIds.InvalidStorageContainerUri, r => r.StorageContainerUri = "http://backups.blob.core.windows.net/redis?sig=" + Signature },
        { WorkflowErrorIds.InvalidStorageContainerUri, r => r.StorageContainerUri = "https://backups.blob.core.windows.net/redis?sv=2024-11-04&sp=rwl&se=" + Signature },
        { WorkflowErrorIds.NetworkNotSpecified, r => { r.SubnetName = null; r.SubnetPrefix = null; } },
        { WorkflowErrorIds.ConflictingNetworkParameters, r => r.SubnetId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-app/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/endpoints" },
        { WorkflowErrorIds.ConflictingNetworkParameters, r => (r.SubnetName, r.SubnetPrefix, r.PrivateEndpointNetworkPolicy, r.SubnetId) = (null, null, "Enabled", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-app/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/endpoints") },
        { ValidationErrorIds.InvalidPrivateEndpointNetworkPolicy, r => r.PrivateEndpointNetworkPolicy = "NSGEnabled" },
        { WorkflowErrorIds.EndpointSubnetIsInjectedSubnet, r => { r.SubnetName = "caches"; r.SubnetPrefix = null; } },
        { MissingCache.ErrorId, r => r.SourceCacheId = r.SourceCacheId.Replace(Source, "missing1") },
        { WorkflowErrorIds.MigrationSourceDeleted, r => { r.NewName = null; r.ReuseName = true; r.SourceCacheId = r.SourceCacheId.Replace(Source, "missing1"); } },
    };

    [Theory]
    [MemberData(nameof(RequestRefusals))]
    public Task BadRequestsAreRefusedBeforeAnyWrite(string errorId, Action<ConvertVNetCacheRequest> change) =>
        AssertChangedRequestRefusedAsync(errorId, change);

    [Fact]
    public async Task ASubnetIdThatIsTheInjectedSubnetIsRefused()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        var request = NewNameRequest(s);
        (request.SubnetName, request.SubnetPrefix, request.SubnetId) = (null, null, InjectedSubnetId(s).ToString());

        await AssertRefusedAsync(s, request, WorkflowErrorIds.EndpointSubnetIsInjectedSubnet);
    }

    [Fact]
    public async Task ACacheThatIsNotVNetInjectedIsRefused()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s, sku: "Standard");

        await AssertRefusedAsync(s, NewNameRequest(s, "None"), WorkflowErrorIds.CacheIsNotVNetInjected);
        await AssertRefusedAsync(s, NewNameRequest(s), WorkflowErrorIds.DataMigrationRequiresPremium);
    }

    [Fact]
    public async Task AGeoReplicatedCacheIsRefusedUntilUnlinked()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await s.Arm.PutAsync(s.CacheId("replica1"), new RedisCache
        {
            Location = "westus",
            Properties = new RedisCacheProperties { Sku = new RedisSku { Name = "Premium", Family = "P", Capacity = 1 } },
        });
        await s.Arm.PutAsync(s.CacheId(Source).Child("linkedServers", "replica1"), Child(
            $$"""{"linkedRedisCacheId":"{{s.CacheId("replica1")}}","linkedRedisCacheLocation":"westus","serverRole":"Secondary"}"""));

        await AssertRefusedAsync(s, NewNameRequest(s), WorkflowErrorIds.CacheIsGeoReplicated);
    }

    [Fact]
    public async Task ANewNameTakenByAnotherCacheIsRefused()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await s.Arm.PutAsync(s.CacheId(Target), new RedisCache
        {
            Location = WorkflowScenario.Location,
            Properties = new RedisCacheProperties { Sku = new RedisSku { Name = "Standard", Family = "C", Capacity = 1 } },
        });

        await AssertRefusedAsync(s, NewNameRequest(s), WorkflowErrorIds.CacheNameNotAvailable);
    }

    [Fact]
    public async Task TheSasNeverAppearsInNoticesStepDescriptionsOrFailures()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await s.Control.FailOperationAsync("POST", "*/redis/private1/import");

        var prepared = await PrepareAsync(s, NewNameRequest(s));
        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => WorkflowScenario.RunAsync(prepared));

        Assert.All(prepared.Notices, notice => Assert.DoesNotContain(Signature, notice));
        Assert.All(prepared.Plan.Steps, step => Assert.DoesNotContain(Signature, step.Description + step.Target));
        Assert.Contains("https://backups.blob.core.windows.net/redis", string.Join(" ", prepared.Plan.Steps.Select(step => step.Description)));
        Assert.DoesNotContain(Signature, failure.ToString());
    }

    [Fact]
    public async Task NoticesNameTheHostNameChangeAndTheSecretSettingsNotCopied()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        var source = await s.RequireAsync<RedisCache>(s.CacheId(Source));
        source.Properties!.RedisConfiguration!["rdb-backup-enabled"] = "true";
        source.Properties.RedisConfiguration["rdb-storage-connection-string"] = "DefaultEndpointsProtocol=https;AccountName=backups;AccountKey=" + Signature;
        await s.Arm.PatchAsync<RedisCache>(s.CacheId(Source), new { properties = new { redisConfiguration = source.Properties.RedisConfiguration } });

        var prepared = await PrepareAsync(s, NewNameRequest(s));

        Assert.Contains(prepared.Notices, n => n.Contains("legacy1.redis.cache.windows.net", StringComparison.Ordinal) && n.Contains("private1.redis.cache.windows.net", StringComparison.Ordinal));
        Assert.Contains(prepared.Notices, n => n.Contains("'rdb-storage-connection-string'", StringComparison.Ordinal) && n.Contains("'rdb-backup-enabled'", StringComparison.Ordinal));
        Assert.All(prepared.Notices, notice => Assert.DoesNotContain(Signature, notice));
    }
}

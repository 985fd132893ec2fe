using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.ConvertArrangements;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Convert-VNetCacheToPrivateEndpoint -TargetSku: a VNet-injected Premium cache becomes Azure Managed Redis behind a private endpoint.</summary>
public sealed class ConvertToManagedRedisTests
{
    [Fact]
    public async Task TheSuggestedSkuGetsTheSourcesDataAndSettingsAndTheSourceIsDeletedOnlyAfterVerifying()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "orders-v1");

        var prepared = await PrepareAsync(s, ManagedRedisRequest(s));
        await s.Control.ClearRequestsAsync();
        await WorkflowScenario.RunAsync(prepared);

        Assert.Equal(ClusterId(s), prepared.CacheId);
        Assert.Contains("P1 -> Balanced_B5", prepared.Plan.Title, StringComparison.Ordinal);
        Assert.Null(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        var cluster = await s.RequireAsync<ManagedRedisCluster>(ClusterId(s));
        Assert.Equal(("Balanced_B5", "Disabled", "1.2", "Enabled"),
            (cluster.Sku!.Name, cluster.Properties!.PublicNetworkAccess, cluster.Properties.MinimumTlsVersion, cluster.Properties.HighAvailability));
        AssertCompletedTags(s, cluster.Tags);
        var database = await s.RequireAsync<ManagedRedisDatabase>(ClusterId(s).Child("databases", "default"));
        Assert.Equal(("Encrypted", 10000, "EnterpriseCluster", "AllKeysLRU", "Disabled"),
            (database.Properties!.ClientProtocol, database.Properties.Port, database.Properties.ClusteringPolicy, database.Properties.EvictionPolicy, database.Properties.AccessKeysAuthentication));
        Assert.Equal("orders-v1", await FingerprintAsync(s, Target));

        var endpointId = s.EndpointId(Target + "-pe");
        var endpoint = await s.RequireAsync<PrivateEndpoint>(endpointId);
        Assert.Equal(new[] { "redisEnterprise" }, Assert.Single(endpoint.Properties!.PrivateLinkServiceConnections!).Properties!.GroupIds);
        var record = await s.RequireAsync<ARecordSet>(s.ManagedRedisZoneId().Child("A", Target + ".eastus"));
        Assert.Equal(await s.EndpointAddressAsync(endpointId), Assert.Single(record.Properties!.ARecords!).Ipv4Address);
        var cache = await new CacheReader(s.Arm, s.Subscription).GetAsync(prepared.CacheId);
        Assert.Equal(("ManagedRedis", 10000, "private1.eastus.redis.azure.net"), (cache!.Kind, cache.Port, cache.HostName));

        var log = await s.Control.RequestsAsync();
        var delete = IndexOf(log, "DELETE", "/redis/" + Source);
        Assert.True(delete > IndexOf(log, "POST", $"/redisEnterprise/{Target}/databases/default/import"));
        Assert.True(delete > IndexOf(log, "PUT", "/privateDnsZoneGroups/default"));
        Assert.True(IndexOf(log, "POST", $"/redisEnterprise/{Target}/databases/default/import") > IndexOf(log, "POST", $"/redis/{Source}/export"));
        // The last Tags API write removes the bookkeeping (the first notes the import sent).
        var tagsRemoved = log.ToList().FindLastIndex(e => e.Method == "PATCH" && e.Path.EndsWith($"/redisEnterprise/{Target}/providers/Microsoft.Resources/tags/default", StringComparison.OrdinalIgnoreCase));
        Assert.True(tagsRemoved > delete);

        // Complete: run again, the plan only verifies and writes nothing.
        await s.Control.ClearRequestsAsync();
        var rerun = await PrepareAsync(s, ManagedRedisRequest(s));
        await WorkflowScenario.RunAsync(rerun);
        Assert.Equal(new[] { ConvertStepKeys.VerifyTarget }, rerun.Plan.Steps.Select(step => step.Key));
        Assert.Empty(await s.Control.WritesAsync());
    }

    [Fact]
    public async Task NoticesListTheMappingTheClientChangesAndEverySettingNotCopied()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        var source = await s.RequireAsync<RedisCache>(s.CacheId(Source));
        source.Properties!.RedisConfiguration!["notify-keyspace-events"] = "KEA";
        await s.Arm.PatchAsync<RedisCache>(s.CacheId(Source), new { properties = new { redisConfiguration = source.Properties.RedisConfiguration } });

        var prepared = await PrepareAsync(s, ManagedRedisRequest(s));

        var notices = string.Join("\n", prepared.Notices);
        Assert.Contains("Target SKU Balanced_B5: Microsoft's mapping suggests it for Premium P1 (P1 -> Balanced_B5)", notices, StringComparison.Ordinal);
        Assert.Contains("host name 'legacy1.redis.cache.windows.net' -> 'private1.eastus.redis.azure.net', port 6380 -> 10000", notices, StringComparison.Ordinal);
        Assert.Contains("db 0 only", notices, StringComparison.Ordinal);
        Assert.Contains("Microsoft Entra ID only", notices, StringComparison.Ordinal);
        var uncopied = Assert.Single(prepared.Notices, n => n.StartsWith("Not copied to Azure Managed Redis", StringComparison.Ordinal));
        Assert.Contains("'notify-keyspace-events'", uncopied, StringComparison.Ordinal);
        Assert.Contains("1 firewall rule ", uncopied, StringComparison.Ordinal);
        Assert.Contains("the patch schedule", uncopied, StringComparison.Ordinal);
        Assert.DoesNotContain("maxmemory-policy", uncopied, StringComparison.Ordinal);
        Assert.All(prepared.Notices, notice => Assert.DoesNotContain(Signature, notice));
    }

    [Fact]
    public async Task AnExplicitSkuOnAShardedSourceGetsOssClusterAccessKeysAndMayKeepTheSourcesName()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s, capacity: 2, shardCount: 3);
        var request = ManagedRedisRequest(s, "memoryoptimized_m20", "None");
        (request.NewName, request.EnableAccessKeysAuthentication, request.KeepSource) = (Source, true, true);

        var prepared = await PrepareAsync(s, request);
        await WorkflowScenario.RunAsync(prepared);

        Assert.Contains(prepared.Notices, n => n.Contains("Target SKU MemoryOptimized_M20 as asked; Microsoft's mapping suggests Balanced_B20 for P2", StringComparison.Ordinal));
        Assert.Contains(prepared.Notices, n => n.Contains("the shard count 3", StringComparison.Ordinal));
        Assert.NotNull(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        var cluster = await s.RequireAsync<ManagedRedisCluster>(ClusterId(s, Source));
        Assert.Equal("MemoryOptimized_M20", cluster.Sku!.Name);
        AssertCompletedTags(s, cluster.Tags);
        var database = await s.RequireAsync<ManagedRedisDatabase>(ClusterId(s, Source).Child("databases", "default"));
        Assert.Equal(("OSSCluster", "Enabled"), (database.Properties!.ClusteringPolicy, database.Properties.AccessKeysAuthentication));
        Assert.NotNull(await s.Arm.GetAsync<ARecordSet>(s.ManagedRedisZoneId().Child("A", Source + ".eastus")));

        // With -KeepSource the source is still there: a re-run finds the complete target and writes nothing.
        await s.Control.ClearRequestsAsync();
        await MigrateAsync(s, request);
        Assert.Empty(await s.Control.WritesAsync());
    }

    [Fact]
    public async Task TheSourcesRdbPersistenceBecomesManagedRedisPersistenceWithoutItsStorageAccount()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        var source = await s.RequireAsync<RedisCache>(s.CacheId(Source));
        source.Properties!.RedisConfiguration!["rdb-backup-enabled"] = "true";
        source.Properties.RedisConfiguration["rdb-backup-frequency"] = "360";
        source.Properties.RedisConfiguration["rdb-storage-connection-string"] = "DefaultEndpointsProtocol=https;AccountName=backups;AccountKey=" + Signature;
        await s.Arm.PatchAsync<RedisCache>(s.CacheId(Source), new { properties = new { redisConfiguration = source.Properties.RedisConfiguration } });

        var prepared = await PrepareAsync(s, ManagedRedisRequest(s, dataMigration: "None"));
        await WorkflowScenario.RunAsync(prepared);

        var database = await s.RequireAsync<ManagedRedisDatabase>(ClusterId(s).Child("databases", "default"));
        Assert.Equal((true, "6h"), (database.Properties!.Persistence!.RdbEnabled, database.Properties.Persistence.RdbFrequency));
        Assert.Contains(prepared.Notices, n => n.Contains("persistence RdbEvery6h (from the source's RDB backups every 360 minutes", StringComparison.Ordinal));
        Assert.DoesNotContain(prepared.Notices, n => n.StartsWith("Not copied", StringComparison.Ordinal) && n.Contains("rdb-", StringComparison.Ordinal));
        Assert.All(prepared.Notices, notice => Assert.DoesNotContain(Signature, notice));
    }

    [Fact]
    public async Task ThePlanCreatesTheClusterBeforeMovingDataAndDeletesTheSourceLast()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);

        var prepared = await PrepareAsync(s, ManagedRedisRequest(s));

        Assert.Equal(
            new[] { StepKeys.Network, StepKeys.PrivateDnsZone, StepKeys.ZoneLink, ConvertStepKeys.TargetCache, StepKeys.PrivateEndpoint, StepKeys.DnsZoneGroup, ConvertStepKeys.ExportSource, ConvertStepKeys.ImportData, ConvertStepKeys.VerifyTarget, ConvertStepKeys.DeleteSource, ConvertStepKeys.CompleteMigration },
            prepared.Plan.Describe().Select(step => step.Key));
        Assert.Contains("Create Managed Redis cache 'private1' (Azure Managed Redis Balanced_B5", prepared.Plan.Steps.Single(step => step.Key == ConvertStepKeys.TargetCache).Description, StringComparison.Ordinal);
        Assert.Contains("privatelink.redis.azure.net", prepared.Plan.Steps.Single(step => step.Key == StepKeys.PrivateDnsZone).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARerunAfterAFailedImportFinishesWithoutExportingTwice()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "orders-v3");
        await s.Control.FailOperationAsync("POST", $"*/redisEnterprise/{Target}/databases/default/import");

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => MigrateAsync(s, ManagedRedisRequest(s)));
        Assert.Equal(ConvertStepKeys.ImportData, failure.FailedStep.Key);
        Assert.NotNull(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        Assert.Equal("exported", (await s.RequireAsync<ManagedRedisCluster>(ClusterId(s))).Tags!["rpl-migration-stage"]);

        await s.Control.ClearRequestsAsync();
        var result = await MigrateAsync(s, ManagedRedisRequest(s));

        Assert.Equal(StepOutcome.Skipped, result[ConvertStepKeys.ExportSource].Outcome);
        Assert.Equal(StepOutcome.Reused, result[ConvertStepKeys.TargetCache].Outcome);
        Assert.Equal("orders-v3", await FingerprintAsync(s, Target));
        Assert.Null(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        Assert.True(IndexOf(await s.Control.RequestsAsync(), "POST", $"/redis/{Source}/export") < 0);
    }

    [Fact]
    public async Task CtrlCWhileTheClusterIsCreatedLeavesWhatARerunNeedsToFinish()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "carts-v1");

        using var ctrlC = new ConvertCancellingReporter("Azure takes 15-30 minutes to create a cache");
        var options = new PlanRunOptions { Reporter = ctrlC };
        var interruption = await Record.ExceptionAsync(async () => await PlanExecutor.RunAsync((await PrepareAsync(s, ManagedRedisRequest(s))).Plan, options, ctrlC.Token));
        Assert.IsAssignableFrom<OperationCanceledException>(interruption);
        Assert.Equal("created", (await s.RequireAsync<ManagedRedisCluster>(ClusterId(s))).Tags!["rpl-migration-stage"]);
        Assert.Null(await s.Arm.GetAsync<ManagedRedisDatabase>(ClusterId(s).Child("databases", "default")));

        var result = await MigrateAsync(s, ManagedRedisRequest(s));

        Assert.Equal(StepOutcome.Reused, result[ConvertStepKeys.TargetCache].Outcome);
        Assert.NotNull(await s.Arm.GetAsync<ManagedRedisDatabase>(ClusterId(s).Child("databases", "default")));
        Assert.Equal("carts-v1", await FingerprintAsync(s, Target));
        Assert.Null(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
    }

    [Fact]
    public async Task AFinishedMigrationRunAgainChangesNothing()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await MigrateAsync(s, ManagedRedisRequest(s));
        await s.Control.ClearRequestsAsync();

        var prepared = await PrepareAsync(s, ManagedRedisRequest(s));
        var result = await WorkflowScenario.RunAsync(prepared);

        Assert.Contains(prepared.Notices, n => n.Contains("is complete", StringComparison.Ordinal));
        Assert.Equal(new[] { ConvertStepKeys.VerifyTarget }, result.Steps.Select(step => step.Key));
        Assert.Empty(await s.Control.WritesAsync());
    }

    [Fact]
    public async Task AManagedRedisTargetHalfMadeStopsARerunWithoutTargetSkuBeforeAnyWrite()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await InterruptWhileTheTargetIsCreatedAsync(s, ManagedRedisRequest(s));

        var error = await AssertRefusedAsync(s, NewNameRequest(s), WorkflowErrorIds.MigrationTargetKindMismatch);

        Assert.Contains($"Azure Managed Redis cache '{Target}' ({ClusterId(s)}, migration stage 'created')", error.Message, StringComparison.Ordinal);
        Assert.Contains("Run the command again with -TargetSku Balanced_B5 to continue that migration", error.Message, StringComparison.Ordinal);
        Assert.Null(await s.Arm.GetAsync<RedisCache>(s.CacheId(Target)));
        Assert.NotNull(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
    }

    [Fact]
    public async Task AClassicTargetHalfMadeStopsARerunWithTargetSkuBeforeAnyWrite()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await InterruptWhileTheTargetIsCreatedAsync(s, NewNameRequest(s));

        var error = await AssertRefusedAsync(s, ManagedRedisRequest(s), WorkflowErrorIds.MigrationTargetKindMismatch);

        Assert.Contains($"Azure Cache for Redis cache '{Target}' ({s.CacheId(Target)}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Run the command again without -TargetSku to continue that migration", error.Message, StringComparison.Ordinal);
        Assert.Null(await s.Arm.GetAsync<ManagedRedisCluster>(ClusterId(s)));
    }

    [Fact]
    public async Task AFinishedManagedRedisMigrationRunAgainWithoutTargetSkuIsToldWhichTargetItHas()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await MigrateAsync(s, ManagedRedisRequest(s, dataMigration: "None"));

        var error = await AssertRefusedAsync(s, NewNameRequest(s, "None"), WorkflowErrorIds.MigrationTargetKindMismatch);

        Assert.Contains("migration stage 'complete'", error.Message, StringComparison.Ordinal);
        Assert.Contains("-TargetSku Balanced_B5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACacheOfTheOtherKindUnderTheNewNameThatNamesNoSourceDoesNotStopTheMigration()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await PutUnrelatedClusterAsync(s, "Balanced_B0");

        var prepared = await PrepareAsync(s, NewNameRequest(s, "None"));

        Assert.Equal(s.CacheId(Target), prepared.CacheId);
    }

    /// <summary>Runs <paramref name="request"/> and presses Ctrl+C while Azure provisions the target: a target half made, tagged with its source.</summary>
    private static async Task InterruptWhileTheTargetIsCreatedAsync(WorkflowScenario s, ConvertVNetCacheRequest request)
    {
        using var ctrlC = new ConvertCancellingReporter("Azure takes 15-30 minutes to create a cache");
        var options = new PlanRunOptions { Reporter = ctrlC };
        var interruption = await Record.ExceptionAsync(async () => await PlanExecutor.RunAsync((await PrepareAsync(s, request)).Plan, options, ctrlC.Token));
        Assert.IsAssignableFrom<OperationCanceledException>(interruption);
    }
}

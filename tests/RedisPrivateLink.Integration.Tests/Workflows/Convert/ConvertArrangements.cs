using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using RedisPrivateLink.Emulator.Control;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>A VNet-injected Premium cache with settings to copy, the migration request, and the emulator's cache data.</summary>
internal static class ConvertArrangements
{
    public const string Source = "legacy1";
    public const string Target = "private1";
    public const string Signature = "c2VjcmV0LXNpZ25hdHVyZQ";
    public const string ContainerUri = "https://backups.blob.core.windows.net/redis?sv=2024-11-04&sp=rwl&sig=" + Signature;

    public static ResourceId InjectedSubnetId(WorkflowScenario s) => s.SubnetId("vnet1", "caches");

    /// <summary>legacy1: Premium P1 in subnet 'caches' of vnet1, with tags, configuration, a firewall rule and a patch schedule.</summary>
    public static async Task CreateSourceAsync(WorkflowScenario s, string sku = "Premium", int capacity = 1, int? shardCount = null)
    {
        await s.CreateNetworkAsync("vnet1", WorkflowScenario.Group, "10.0.0.0/16", ("caches", "10.0.0.0/24", "Disabled"));
        var premium = sku == "Premium";
        await s.Arm.PutAsync(s.CacheId(Source), new RedisCache
        {
            Location = WorkflowScenario.Location,
            Tags = new Dictionary<string, string> { ["team"] = "payments" },
            Properties = new RedisCacheProperties
            {
                Sku = new RedisSku { Name = sku, Family = premium ? "P" : "C", Capacity = capacity },
                SubnetId = premium ? InjectedSubnetId(s).ToString() : null,
                MinimumTlsVersion = "1.2",
                ShardCount = shardCount,
                RedisConfiguration = new Dictionary<string, string> { ["maxmemory-policy"] = "allkeys-lru" },
            },
        });
        await s.Arm.PutAsync(s.CacheId(Source).Child("firewallRules", "office"), Child("""{"startIP":"203.0.113.1","endIP":"203.0.113.9"}"""));
        await s.Arm.PutAsync(s.CacheId(Source).Child("patchSchedules", "default"), Child("""{"scheduleEntries":[{"dayOfWeek":"Sunday","startHourUtc":2,"maintenanceWindow":"PT5H"}]}"""));
    }

    public static ConvertVNetCacheRequest NewNameRequest(WorkflowScenario s, string dataMigration = "ExportImport") => new()
    {
        SourceCacheId = s.CacheId(Source).ToString(),
        NewName = Target,
        SubnetName = "endpoints",
        SubnetPrefix = "10.0.1.0/24",
        DataMigration = dataMigration,
        StorageContainerUri = dataMigration == "None" ? null : ContainerUri,
    };

    /// <summary>Side by side to an Azure Managed Redis cache 'private1' of <paramref name="targetSku"/>.</summary>
    public static ConvertVNetCacheRequest ManagedRedisRequest(WorkflowScenario s, string targetSku = "Suggested", string dataMigration = "ExportImport")
    {
        var request = NewNameRequest(s, dataMigration);
        request.TargetSku = targetSku;
        return request;
    }

    public static ResourceId ClusterId(WorkflowScenario s, string name = Target) => s.ClusterId(name);

    /// <summary>A Managed Redis cluster of <paramref name="sku"/> under the target's name that no migration made: its tags name no source.</summary>
    public static async Task PutUnrelatedClusterAsync(WorkflowScenario s, string sku) =>
        await s.Arm.PutAsync(ClusterId(s), new ManagedRedisCluster
        {
            Location = WorkflowScenario.Location,
            Sku = new ManagedRedisSku { Name = sku },
            Properties = new ManagedRedisClusterProperties { PublicNetworkAccess = "Disabled" },
        });

    public static ConvertVNetCacheRequest ReuseNameRequest(WorkflowScenario s)
    {
        var request = NewNameRequest(s);
        request.NewName = null;
        request.ReuseName = true;
        return request;
    }

    public static Task<PreparedWorkflow> PrepareAsync(WorkflowScenario s, ConvertVNetCacheRequest request) =>
        ConvertVNetCacheWorkflow.PrepareAsync(s.Azure.Context, request, CancellationToken.None);

    public static async Task<PlanResult> MigrateAsync(WorkflowScenario s, ConvertVNetCacheRequest request) =>
        await WorkflowScenario.RunAsync(await PrepareAsync(s, request));

    public static ConvertChildResource Child(string propertiesJson) => new() { Properties = JsonDocument.Parse(propertiesJson).RootElement.Clone() };

    public static async Task SetFingerprintAsync(WorkflowScenario s, string name, string fingerprint)
    {
        using var client = ControlClient(s);
        using var response = await client.PutAsJsonAsync(DataPath(s, name), new CacheData(fingerprint));
        response.EnsureSuccessStatusCode();
    }

    public static async Task<string?> FingerprintAsync(WorkflowScenario s, string name)
    {
        using var client = ControlClient(s);
        return (await client.GetFromJsonAsync<CacheData>(DataPath(s, name)))?.Fingerprint;
    }

    /// <summary>How the cache's last export or import asked to reach storage (preferred-data-archive-auth-method), as the emulator recorded it.</summary>
    public static async Task<string?> DataArchiveAuthMethodAsync(WorkflowScenario s, string name)
    {
        using var client = ControlClient(s);
        return (await client.GetFromJsonAsync<CacheData>(DataPath(s, name)))?.DataArchiveAuthMethod;
    }

    /// <summary>
    /// A complete migration's target tags: the source's own tags as they were (team=payments) and the one documented
    /// migration tag, rpl-migration-source naming the source; no stage, subnet, export or settings bookkeeping.
    /// </summary>
    public static void AssertCompletedTags(WorkflowScenario s, IDictionary<string, string>? tags)
    {
        Assert.NotNull(tags);
        Assert.Equal(
            new[] { ("rpl-migration-source", s.CacheId(Source).ToString()), ("team", "payments") },
            tags.OrderBy(tag => tag.Key, StringComparer.Ordinal).Select(tag => (tag.Key, tag.Value)));
    }

    /// <summary>The position of the first request matching method and path suffix in the emulator's log; -1 when none.</summary>
    public static int IndexOf(IReadOnlyList<RequestLogEntry> log, string method, string pathSuffix) =>
        log.ToList().FindIndex(e => e.Method == method && e.Path.EndsWith(pathSuffix, StringComparison.OrdinalIgnoreCase) && e.Status < 300);

    /// <summary>
    /// A -NewName request for a VNet-injected source, changed by <paramref name="change"/>, is refused with
    /// <paramref name="errorId"/> before any write, and the message does not carry the container's SAS signature.
    /// </summary>
    public static async Task AssertChangedRequestRefusedAsync(string errorId, Action<ConvertVNetCacheRequest> change)
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        var request = NewNameRequest(s);
        change(request);

        var error = await AssertRefusedAsync(s, request, errorId);

        Assert.DoesNotContain(Signature, error.Message);
    }

    /// <summary>Prepares <paramref name="request"/>, expects the refusal <paramref name="errorId"/>, and checks nothing was written.</summary>
    public static async Task<Exception> AssertRefusedAsync(WorkflowScenario s, ConvertVNetCacheRequest request, string errorId)
    {
        await s.Control.ClearRequestsAsync();

        var error = await Record.ExceptionAsync(() => PrepareAsync(s, request));

        Assert.NotNull(error);
        Assert.Equal(errorId, error switch
        {
            ValidationException validation => validation.ErrorId,
            RedisPrivateLinkException refusal => refusal.ErrorId,
            _ => throw new Xunit.Sdk.XunitException($"Expected a refusal with an error id, got {error}"),
        });
        Assert.Empty(await s.Control.WritesAsync());
        return error;
    }

    private static string DataPath(WorkflowScenario s, string name) => $"_emulator/caches/{s.Subscription}/{WorkflowScenario.Group}/{name}/data";

    private static HttpClient ControlClient(WorkflowScenario s)
    {
        var thumbprint = s.Azure.Emulator.Thumbprint;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.Thumbprint.Equals(thumbprint, StringComparison.OrdinalIgnoreCase),
        };
        return new HttpClient(handler) { BaseAddress = s.Azure.Emulator.Endpoint, Timeout = TimeSpan.FromSeconds(30) };
    }
}

using System.Globalization;
using System.Text.Json;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.ConvertArrangements;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// Convert's export and import against the emulator as Azure runs them: the SAS lifetime the whole plan needs, managed
/// identity access for a firewalled storage account, and the Location-only operations of the classic export, import
/// and DELETE (202, polls 202 then 200, or 409 when the operation failed).
/// </summary>
public sealed class ConvertExportImportStorageTests
{
    private const string Container = "https://backups.blob.core.windows.net/redis";

    public static TheoryData<string, Action<ConvertVNetCacheRequest>> StorageRefusals => new()
    {
        // At the emulator's pace the plan's hour of export, create and import is seconds long, so Azure's hour decides
        // (the engine tests check the plan's share at Azure's pace).
        { WorkflowErrorIds.StorageSasExpiresTooSoon, r => r.StorageContainerUri = SasUri(se: TimeSpan.FromMinutes(59)) },
        { WorkflowErrorIds.StorageSasExpiresTooSoon, r => (r.StorageContainerUri, r.NewName, r.ReuseName) = (SasUri(se: TimeSpan.FromMinutes(30)), null, true) },
        { WorkflowErrorIds.StorageSasStartsTooLate, r => r.StorageContainerUri = SasUri(se: TimeSpan.FromDays(1), st: TimeSpan.FromMinutes(-5)) },
        { WorkflowErrorIds.InvalidStorageAuthentication, r => r.StorageAuthentication = "AccessKey" },
        { WorkflowErrorIds.StorageIdentityMissing, r => (r.StorageAuthentication, r.StorageContainerUri) = ("ManagedIdentity", Container) },
        { WorkflowErrorIds.ManagedIdentityStorageWithTargetSku, r => (r.StorageAuthentication, r.StorageContainerUri, r.TargetSku) = ("ManagedIdentity", Container, "Suggested") },
    };

    [Theory]
    [MemberData(nameof(StorageRefusals))]
    public Task StorageThatCannotLastOrBeReachedIsRefusedBeforeAnyWrite(string errorId, Action<ConvertVNetCacheRequest> change) =>
        AssertChangedRequestRefusedAsync(errorId, change);

    [Fact]
    public async Task ASasLastingThePlanAndAnHourMovesTheDataThroughLocationOnlyOperations()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "orders-v2");
        var request = ReuseNameRequest(s);
        request.StorageContainerUri = SasUri(se: TimeSpan.FromHours(3), st: TimeSpan.FromHours(-1));

        await s.Control.ClearRequestsAsync();
        await MigrateAsync(s, request);

        Assert.Equal("orders-v2", await FingerprintAsync(s, Source));
        var log = await s.Control.RequestsAsync();
        foreach (var (method, path) in new[] { ("POST", $"/redis/{Source}/export"), ("DELETE", $"/redis/{Source}"), ("POST", $"/redis/{Source}/import") })
        {
            var accepted = IndexOf(log, method, path);
            Assert.True(accepted >= 0, $"{method} {path} was not sent");
            Assert.Equal(202, log[accepted].Status);
            // Polled at its operationresults until it answered 200.
            Assert.Contains(log.Skip(accepted + 1), e => e.Method == "GET" && e.Path.Contains("/operationresults/", StringComparison.Ordinal) && e.Status == 200);
        }
    }

    [Fact]
    public async Task ManagedIdentityExportsAndImportsWithTheCachesIdentitiesAndAPlainContainerUrl()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        var source = await s.RequireAsync<RedisCache>(s.CacheId(Source));
        source.AdditionalProperties = new Dictionary<string, JsonElement> { ["identity"] = JsonDocument.Parse("""{"type":"SystemAssigned"}""").RootElement.Clone() };
        await s.Arm.PutAsync(s.CacheId(Source), source);
        await SetFingerprintAsync(s, Source, "orders-v3");
        var request = NewNameRequest(s);
        (request.StorageAuthentication, request.StorageContainerUri) = ("ManagedIdentity", Container);

        var prepared = await PrepareAsync(s, request);
        await WorkflowScenario.RunAsync(prepared);

        Assert.Equal("orders-v3", await FingerprintAsync(s, Target));
        Assert.Equal("ManagedIdentity", await DataArchiveAuthMethodAsync(s, Target));
        Assert.Contains(prepared.Notices, n => n.Contains("'Storage Blob Data Contributor' role", StringComparison.Ordinal) && n.Contains("new system-assigned identity", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnImportWhoseOperationFailsStopsWithMigrationImportFailedCarryingThe409PollsError()
    {
        await using var s = await WorkflowScenario.StartAsync();
        await CreateSourceAsync(s);
        await s.Control.FailOperationAsync("POST", $"*/redis/{Target}/import");

        var prepared = await PrepareAsync(s, NewNameRequest(s));
        var failure = await Record.ExceptionAsync(() => WorkflowScenario.RunAsync(prepared));

        var stopped = Assert.IsType<PlanStepFailedException>(failure);
        Assert.Equal(ConvertStepKeys.ImportData, stopped.FailedStep.Key);
        var refusal = Assert.IsType<RedisPrivateLinkException>(stopped.InnerException);
        Assert.Equal(WorkflowErrorIds.MigrationImportFailed, refusal.ErrorId);
        var arm = Assert.IsType<ArmException>(refusal.InnerException);
        Assert.Equal((409, "InternalServerError"), (arm.Status, arm.Code));
        Assert.NotNull(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
    }

    /// <summary>The container's SAS URI with se (and st) this far from now, as Azure writes them.</summary>
    private static string SasUri(TimeSpan se, TimeSpan? st = null) =>
        $"{Container}?sv=2024-11-04&sp=rwl{(st is { } start ? "&st=" + Time(start) : string.Empty)}&se={Time(se)}&sig={Signature}";

    private static string Time(TimeSpan fromNow) =>
        Uri.EscapeDataString(DateTimeOffset.UtcNow.Add(fromNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}

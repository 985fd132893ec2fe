using Azure.Core;
using RedisPrivateLink.Emulator.Control;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.ConvertArrangements;
using static RedisPrivateLink.Integration.Tests.Workflows.FaultMatrix;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// Convert-VNetCacheToPrivateEndpoint's rows of the fault matrix (<see cref="FaultMatrix"/> has the other cmdlets'):
/// -NewName, -ReuseName and -TargetSku with -DataMigration ExportImport at each write, with the faults that apply to it
/// (the operation faults where it has an operation; the held answer for -TargetSku and -ReuseName's own writes, the
/// rest being ConvertTimeoutTests'), and one fault at each write of the variants. The fault is armed as the write's
/// step starts, since some paths are written by more than one step. An export or import that may have started is not
/// sent again: the run stops with a specific error id (<see cref="ConvergeAsync"/>). Then the same command converges
/// and a third run writes nothing. Every row checks the whole end state: the target verified and holding the source's
/// data with its settings and tags, one endpoint, zone group and link, the data exported once
/// (<see cref="ExportsExpectedAsync"/>), the source deleted only when that is safe, and -ReuseName's record gone.
/// </summary>
public sealed class ConvertFaultMatrix
{
    public const string NewName = "NewName";
    public const string ReuseName = "ReuseName";

    /// <summary>-NewName -DataMigration None: a new, empty target; no export, import or their stage tags.</summary>
    public const string NewNameWithoutData = "NewName/None";

    /// <summary>-ReuseName -DataMigration None: the record, the deletion and the same-name create without an export before them.</summary>
    public const string ReuseNameWithoutData = "ReuseName/None";

    /// <summary>-NewName -KeepSource with ExportImport: everything but the source's deletion, the source left as it was.</summary>
    public const string NewNameKeepingSource = "NewName/KeepSource";

    /// <summary>-NewName -TargetSku Suggested -DataMigration ExportImport: an Azure Managed Redis cluster beside the source.</summary>
    public const string TargetSku = "TargetSku";

    public const string Subnet = "subnet";
    public const string DnsZone = "dns-zone";
    public const string ZoneLink = "zone-link";

    /// <summary>The target's PUT: the classic cache, or with -TargetSku the Managed Redis cluster.</summary>
    public const string TargetCache = "target-cache";

    /// <summary>-TargetSku: the PUT of the cluster's database 'default', in the same step as the cluster's.</summary>
    public const string Database = "database";

    public const string FirewallRule = "firewall-rule";
    public const string PatchSchedule = "patch-schedule";
    public const string Endpoint = "endpoint";
    public const string ZoneGroup = "zone-group";
    public const string Export = "export";
    public const string ExportedTag = "exported-tag";

    /// <summary>-ReuseName: the resource group tags PATCH that records the target's definition before the deletion.</summary>
    public const string RecordTarget = "record-target";
    public const string DeleteSource = "delete-source";

    /// <summary>-ReuseName: the resource group tags PATCH that removes the record once Azure holds the target.</summary>
    public const string RecordRemoved = "record-removed";
    public const string Import = "import";
    public const string ImportedTag = "imported-tag";
    public const string VerifiedTag = "verified-tag";

    /// <summary>The Tags API PATCH (operation Delete) on the target that removes the bookkeeping tags once the migration is complete.</summary>
    public const string TagsRemoved = "tags-removed";

    private const string Fingerprint = "ledger-v7";
    private const string MigrationTagStage = "rpl-migration-stage";
    private const string MigrationTagSource = "rpl-migration-source";
    private const string RecordPath = "*/resourceGroups/" + WorkflowScenario.Group + "/providers/Microsoft.Resources/tags/default";

    /// <summary>Side by side, the writes that build the target next to the source.</summary>
    private static readonly string[] NewNameTargetWrites =
        { Subnet, DnsZone, ZoneLink, TargetCache, FirewallRule, PatchSchedule, Endpoint, ZoneGroup };

    /// <summary>Side by side, the writes that move the data and then delete the source.</summary>
    private static readonly string[] NewNameMigrationWrites =
        { Export, ExportedTag, Import, ImportedTag, VerifiedTag, DeleteSource, TagsRemoved };

    /// <summary>With -ReuseName, the writes up to the source's deletion: the network, the export and the record.</summary>
    private static readonly string[] ReuseNameSourceWrites =
        { Subnet, DnsZone, ZoneLink, Export, ExportedTag, RecordTarget, DeleteSource };

    /// <summary>With -ReuseName, the writes that build the target under the freed name and move the data into it.</summary>
    private static readonly string[] ReuseNameTargetWrites =
        { TargetCache, RecordRemoved, FirewallRule, PatchSchedule, Endpoint, ZoneGroup, Import, ImportedTag, VerifiedTag, TagsRemoved };

    private static readonly string[] NewNameWithoutDataWrites =
        { Subnet, DnsZone, ZoneLink, TargetCache, FirewallRule, PatchSchedule, Endpoint, ZoneGroup, VerifiedTag, DeleteSource, TagsRemoved };

    private static readonly string[] ReuseNameWithoutDataWrites =
        { Subnet, DnsZone, ZoneLink, RecordTarget, DeleteSource, TargetCache, RecordRemoved, FirewallRule, PatchSchedule, Endpoint, ZoneGroup, VerifiedTag, TagsRemoved };

    private static readonly string[] NewNameKeepingSourceWrites =
        { Subnet, DnsZone, ZoneLink, TargetCache, FirewallRule, PatchSchedule, Endpoint, ZoneGroup, Export, ExportedTag, Import, ImportedTag, VerifiedTag, TagsRemoved };

    /// <summary>-TargetSku, the writes that build the Managed Redis target: no settings step (Managed Redis has no firewall rules or patch schedule).</summary>
    private static readonly string[] TargetSkuTargetWrites =
        { Subnet, DnsZone, ZoneLink, TargetCache, Database, Endpoint, ZoneGroup };

    /// <summary>-TargetSku, the classic export, the import into the database, the stage PATCHes on the cluster, the source's deletion and the bookkeeping tags' removal.</summary>
    private static readonly string[] TargetSkuMigrationWrites =
        { Export, ExportedTag, Import, ImportedTag, VerifiedTag, DeleteSource, TagsRemoved };

    /// <summary>-ReuseName's own writes, which no other plan sends: the answer held past the client's timeout is in their rows too.</summary>
    private static readonly string[] ReuseNameOwnWrites = { RecordTarget, TargetCache, RecordRemoved };

    private static readonly string[] AnyWriteFaults = { Throttled, ServerError, Dropped, DroppedAfterActing, TimedOutAfterActing, CtrlCBeforeSending, CtrlCWhileHeld };

    private static readonly string[] OperationFaults = { OperationFailed, CtrlCWhilePolling };

    private readonly WorkflowScenario _scenario;

    private ConvertFaultMatrix(WorkflowScenario scenario)
    {
        _scenario = scenario;
    }

    /// <summary>Convert's rows of <see cref="FaultMatrix.Rows"/>.</summary>
    internal static IEnumerable<FaultMatrixRow> Rows => new[]
    {
        StrategyRows(NewName, NewNameTargetWrites),
        StrategyRows(NewName, NewNameMigrationWrites),
        StrategyRows(ReuseName, ReuseNameSourceWrites),
        StrategyRows(ReuseName, ReuseNameTargetWrites),
        StrategyRows(TargetSku, TargetSkuTargetWrites),
        StrategyRows(TargetSku, TargetSkuMigrationWrites),
        VariantRows(
            (NewNameWithoutData, NewNameWithoutDataWrites),
            (ReuseNameWithoutData, ReuseNameWithoutDataWrites),
            (NewNameKeepingSource, NewNameKeepingSourceWrites)),
    }.SelectMany(rows => rows);

    private static IEnumerable<FaultMatrixRow> StrategyRows(string strategy, string[] writes)
    {
        foreach (var write in writes)
        {
            var held = strategy == TargetSku || (strategy == ReuseName && ReuseNameOwnWrites.Contains(write)) ? new[] { TimedOut } : Array.Empty<string>();
            foreach (var fault in AnyWriteFaults.Concat(held).Concat(WriteOf(strategy, write).LongRunning ? OperationFaults : Array.Empty<string>()))
            {
                yield return Row(strategy, write, fault);
            }
        }
    }

    /// <summary>
    /// A variant's rows (<see cref="NewNameWithoutData"/>, <see cref="ReuseNameWithoutData"/>, <see cref="NewNameKeepingSource"/>):
    /// one fault at each of its writes, the one that asks most of a re-run: an operation that ends Failed where the
    /// write has one, else a 500.
    /// </summary>
    private static IEnumerable<FaultMatrixRow> VariantRows(params (string Variant, string[] Writes)[] variants) =>
        from v in variants
        from write in v.Writes
        select Row(v.Variant, write, WriteOf(v.Variant, write).LongRunning ? OperationFailed : ServerError);

    /// <summary>The strategy goes with the write, as xunit cuts a display name's arguments at 50 characters.</summary>
    private static FaultMatrixRow Row(string strategy, string write, string fault) =>
        new("Convert-VNetCacheToPrivateEndpoint", $"{strategy} {write}", fault,
            scenario => new ConvertFaultMatrix(scenario).RunWithFaultAsync(strategy, write, fault));

    private static bool IsReuseName(string strategy) => strategy.StartsWith(ReuseName, StringComparison.Ordinal);

    private static bool MovesData(string strategy) => strategy is NewName or ReuseName or NewNameKeepingSource or TargetSku;

    private static ConvertVNetCacheRequest RequestFor(WorkflowScenario s, string strategy)
    {
        var request = IsReuseName(strategy) ? ReuseNameRequest(s) : strategy == TargetSku ? ManagedRedisRequest(s) : NewNameRequest(s);
        if (!MovesData(strategy))
        {
            request.DataMigration = "None";
            request.StorageContainerUri = null;
        }

        request.KeepSource = strategy == NewNameKeepingSource;
        return request;
    }

    /// <summary>
    /// The step, method and path of one write. Firewall rules, the patch schedule and the Tags API answer at once
    /// (synchronous in ARM and the emulator): they have no operation to fail or poll.
    /// </summary>
    private static ConvertWrite WriteOf(string strategy, string write)
    {
        var target = TargetPath(strategy);
        var zone = strategy == TargetSku ? WorkflowScenario.ManagedRedisZone : WorkflowScenario.Zone;
        var endpoint = "*/privateEndpoints/" + (IsReuseName(strategy) ? Source : Target) + "-pe";
        return write switch
        {
            Subnet => new(StepKeys.Network, "PUT", "*/virtualNetworks/vnet1/subnets/endpoints", true),
            DnsZone => new(StepKeys.PrivateDnsZone, "PUT", "*/privateDnsZones/" + zone, true),
            ZoneLink => new(StepKeys.ZoneLink, "PUT", "*/privateDnsZones/" + zone + "/virtualNetworkLinks/vnet1-link", true),
            TargetCache => new(ConvertStepKeys.TargetCache, "PUT", "*/" + target, true),
            Database => new(ConvertStepKeys.TargetCache, "PUT", $"*/{target}/databases/default", true),
            FirewallRule => new(ConvertStepKeys.TargetSettings, "PUT", $"*/{target}/firewallRules/office", false),
            PatchSchedule => new(ConvertStepKeys.TargetSettings, "PUT", $"*/{target}/patchSchedules/default", false),
            Endpoint => new(StepKeys.PrivateEndpoint, "PUT", endpoint, true),
            ZoneGroup => new(StepKeys.DnsZoneGroup, "PUT", endpoint + "/privateDnsZoneGroups/default", true),
            Export => new(ConvertStepKeys.ExportSource, "POST", $"*/redis/{Source}/export", true),

            // Side by side the target records the export; with -ReuseName the source does, as the target does not exist yet.
            ExportedTag => new(ConvertStepKeys.ExportSource, "PATCH", "*/" + target, true),
            RecordTarget => new(ConvertStepKeys.RecordTarget, "PATCH", RecordPath, false),
            DeleteSource => new(ConvertStepKeys.DeleteSource, "DELETE", "*/redis/" + Source, true),
            RecordRemoved => new(ConvertStepKeys.TargetCache, "PATCH", RecordPath, false),

            // A Managed Redis cluster imports into its database.
            Import => new(ConvertStepKeys.ImportData, "POST", strategy == TargetSku ? $"*/{target}/databases/default/import" : $"*/{target}/import", true),
            ImportedTag => new(ConvertStepKeys.ImportData, "PATCH", "*/" + target, true),
            VerifiedTag => new(ConvertStepKeys.VerifyTarget, "PATCH", "*/" + target, true),
            TagsRemoved => new(ConvertStepKeys.CompleteMigration, "PATCH", $"*/{target}/providers/Microsoft.Resources/tags/default", false),
            _ => throw new ArgumentOutOfRangeException(nameof(write), write, "Not a write of the migration."),
        };
    }

    /// <summary>The target's path below its resource group's provider: the classic cache, or with -TargetSku the Managed Redis cluster.</summary>
    private static string TargetPath(string strategy) =>
        strategy == TargetSku ? "redisEnterprise/" + Target : "redis/" + (IsReuseName(strategy) ? Source : Target);

    private async Task RunWithFaultAsync(string strategy, string writeName, string fault)
    {
        var s = _scenario;
        await s.Control.ResetAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, Fingerprint);
        await s.Control.ClearRequestsAsync();

        var write = WriteOf(strategy, writeName);
        var row = $"{strategy}/{writeName}";
        ConvertVNetCacheRequest Request() => RequestFor(s, strategy);
        var prepared = await PrepareAsync(s, Request());
        var step = prepared.Plan.Steps.Single(p => p.Key == write.Step);

        var exports = MovesData(strategy) ? 1 : 0;
        if (CtrlCMoments.TryGetValue(fault, out var moment))
        {
            await InterruptAsync(s, row, fault, moment, write.Method, write.PathPattern, ctrlC => PlanExecutor.RunAsync(prepared.Plan, cancellationToken: ctrlC), step);
            exports = await ExportsExpectedAsync(strategy, row);
            await ConvergeAsync(strategy, writeName, fault, Request);
        }
        else
        {
            var rule = fault switch
            {
                Throttled => (object)new { write.Method, write.PathPattern, kind = "status", status = 429, retryAfter = 1, count = 1 },
                ServerError => new { write.Method, write.PathPattern, kind = "status", status = 500, count = 1 },
                Dropped => new { write.Method, write.PathPattern, kind = "drop", count = 1 },
                TimedOut => new { write.Method, write.PathPattern, kind = "delay", delayMs = (int)(NetworkTimeout.TotalMilliseconds * 30), count = 1 },
                DroppedAfterActing => new { write.Method, write.PathPattern, kind = "dropAfterActing", count = 1 },
                TimedOutAfterActing => new { write.Method, write.PathPattern, kind = "holdAfterActing", delayMs = (int)(NetworkTimeout.TotalMilliseconds * 30), count = 1 },
                _ => new { write.Method, write.PathPattern, kind = "lroFailed", count = 1 },
            };
            var armed = new StepStartReporter(step, () => s.Control.AddFaultAsync(rule));
            Exception? failure;
            using (OperationReporter.Use(armed))
            {
                failure = await Record.ExceptionAsync(() => PlanExecutor.RunAsync(prepared.Plan));
            }

            Assert.True(armed.Started, $"{row}/{fault}: step '{write.Step}' never started.");
            Assert.Empty(await s.Control.FaultsAsync());
            if (StoppedErrorId(write, writeName, fault) is { } errorId)
            {
                var stopped = Assert.IsType<PlanStepFailedException>(failure);
                Assert.Equal(write.Step, stopped.FailedStep.Key);
                Assert.Equal(errorId, ErrorIdOf(stopped.InnerException!));
                if (errorId is WorkflowErrorIds.MigrationExportFailed or WorkflowErrorIds.MigrationImportFailed)
                {
                    // ARM's own code stays in the message and in the inner exception.
                    Assert.Equal("InternalServerError", Assert.IsType<ArmException>(stopped.InnerException!.InnerException).Code);
                    Assert.Contains("InternalServerError: ", stopped.InnerException.Message, StringComparison.Ordinal);
                }

                Assert.Contains($"Step '{step.Description}' failed", stopped.Message, StringComparison.Ordinal);
                Assert.Contains("run the same command again", stopped.Message, StringComparison.Ordinal);
                exports = await ExportsExpectedAsync(strategy, row);
                await ConvergeAsync(strategy, writeName, fault, Request);
            }
            else
            {
                Assert.True(failure is null, $"{row}/{fault}: expected the run to recover by itself, got {failure}.");
                await AssertSentAgainAsync(row, fault, write);
            }
        }

        await AssertMigratedAsync(strategy, row, exports);

        await s.Control.ClearRequestsAsync();
        await MigrateAsync(s, Request());
        Assert.Empty(await s.Control.WritesAsync());
    }

    /// <summary>
    /// The same command after the run that stopped, until the migration is done. An import the stopped run sent and
    /// never saw end (its answer lost, Ctrl+C after its note was written, or its stage not recorded) stops the re-run
    /// with MigrationImportUnconfirmed; the admin then does what the message says (<see cref="ResolveUnconfirmedImportAsync"/>)
    /// and runs it again. Only the import's rows and its stage's can leave that; where ARM had run the import, the
    /// re-run sends none.
    /// </summary>
    private async Task ConvergeAsync(string strategy, string writeName, string fault, Func<ConvertVNetCacheRequest> request)
    {
        var s = _scenario;
        var failure = await Record.ExceptionAsync(() => MigrateAsync(s, request()));

        // At the import's own row, only an import Azure answered as failed lets the re-run import by itself: it
        // removed the note. Its stage's rows may leave the import unconfirmed (Ctrl+C before the stage was recorded).
        if (writeName == Import)
        {
            var answered = fault is ServerError or OperationFailed;
            Assert.True(answered == failure is null, $"{strategy}/{writeName}/{fault}: {(answered ? "the re-run did not import again" : "the re-run did not stop at the unconfirmed import")}: {failure}");
        }

        if (failure is null)
        {
            return;
        }

        var stopped = Assert.IsType<PlanStepFailedException>(failure);
        var unconfirmed = Assert.IsType<RedisPrivateLinkException>(stopped.InnerException);
        Assert.Equal(WorkflowErrorIds.MigrationImportUnconfirmed, unconfirmed.ErrorId);
        Assert.True(writeName is Import or ImportedTag, $"{strategy}/{writeName}/{fault}: the re-run stopped at an unconfirmed import.");
        var dataFound = await ResolveUnconfirmedImportAsync(strategy);
        Assert.True(dataFound || !ActedOn(fault) || writeName != Import, $"{strategy}/{writeName}/{fault}: ARM ran the import, yet the target holds no data.");

        var sentBefore = (await s.Control.RequestsAsync()).Count;
        await MigrateAsync(s, request());
        var imports = (await s.Control.RequestsAsync()).Skip(sentBefore).Count(r => r.Method == "POST" && r.Path.EndsWith("/import", StringComparison.OrdinalIgnoreCase));
        Assert.True(imports == (dataFound ? 0 : 1), $"{strategy}/{writeName}/{fault}: expected {(dataFound ? "no import" : "one import")} after the admin's answer, got {imports}.");
    }

    /// <summary>
    /// What MigrationImportUnconfirmed asks of the admin: look at the target's data (here the emulator's record of it,
    /// what DBSIZE or a known key shows from the network) and tag the target with what was found, imported, or
    /// without the note of the import sent. Returns whether the data was there.
    /// </summary>
    private async Task<bool> ResolveUnconfirmedImportAsync(string strategy)
    {
        var s = _scenario;
        var target = strategy == TargetSku ? ClusterId(s) : s.CacheId(IsReuseName(strategy) ? Source : Target);
        var tagsPath = target + "/providers/Microsoft.Resources/tags/default";
        var read = await s.Arm.SendAsync(new ArmRequest(RequestMethod.Get, tagsPath) { ApiVersion = ApiVersions.Tags });
        Assert.True(read.IsSuccess, read.Content);
        using var tags = System.Text.Json.JsonDocument.Parse(read.Content);
        var sentAt = tags.RootElement.GetProperty("properties").GetProperty("tags").GetProperty("rpl-migration-import-sent").GetString()!;

        var dataFound = await FingerprintAsync(s, target.Name) == Fingerprint;
        var answer = dataFound
            ? new { operation = "Merge", properties = new { tags = new Dictionary<string, string> { [MigrationTagStage] = "imported" } } }
            : new { operation = "Delete", properties = new { tags = new Dictionary<string, string> { ["rpl-migration-import-sent"] = sentAt } } };
        var written = await s.Arm.SendAsync(new ArmRequest(RequestMethod.Patch, tagsPath) { ApiVersion = ApiVersions.Tags, Body = answer });
        Assert.True(written.IsSuccess, written.Content);
        return dataFound;
    }

    /// <summary>
    /// The error id the run stops with, or null when the gateway's retry absorbs the fault: an operation that ended
    /// Failed (the cache step reads the cache's own provisioning state; the export and import name themselves, ARM's
    /// code in the message; any other write's failed operation is ARM's code), or a POST that may have started.
    /// </summary>
    private static string? StoppedErrorId(ConvertWrite write, string writeName, string fault) => (fault, writeName) switch
    {
        (Dropped or TimedOut or DroppedAfterActing or TimedOutAfterActing, Import) => WorkflowErrorIds.MigrationImportUnconfirmed,
        (OperationFailed, TargetCache) => WorkflowErrorIds.CacheProvisioningFailed,
        (OperationFailed or ServerError, Export) => WorkflowErrorIds.MigrationExportFailed,
        (OperationFailed or ServerError, Import) => WorkflowErrorIds.MigrationImportFailed,
        (OperationFailed, _) => "InternalServerError",
        (Dropped or DroppedAfterActing, _) when write.Method == "POST" => "ArmUnreachable",
        (TimedOut or TimedOutAfterActing, _) when write.Method == "POST" => "ArmRequestTimedOut",
        _ => null,
    };

    /// <summary>What the cmdlet shows as FullyQualifiedErrorId's first part: the engine's id, or ARM's error code.</summary>
    private static string? ErrorIdOf(Exception exception) => exception switch
    {
        RedisPrivateLinkException e => e.ErrorId,
        ArmException e => e.Code,
        _ => null,
    };

    /// <summary>
    /// The export POSTs ARM accepted by the run that stopped, and whether it recorded the export (the stage tag on the
    /// target side by side, on the source with -ReuseName). A stopped run that did not record it leaves the re-run to
    /// export again: it cannot know whether that export finished (its operation ended Failed, Ctrl+C came while it
    /// was polled or before its stage was recorded; its answer lost, also after ARM acted, in which case the log shows
    /// that export unanswered, status 0, and does not count it), the source is still there, and a second export of it
    /// to the same blob loses nothing. A recorded export is never repeated.
    /// </summary>
    private async Task<int> ExportsExpectedAsync(string strategy, string row)
    {
        var s = _scenario;
        var accepted = ExportsOf(await s.Control.RequestsAsync());
        Assert.True(accepted <= (MovesData(strategy) ? 1 : 0), $"{row}: the run that stopped exported {accepted} times.");
        if (!MovesData(strategy))
        {
            return 0;
        }

        var recordedOn = await ExportRecordAsync(strategy, row);
        // With -ReuseName a source that is gone was deleted only once its export was recorded.
        // A complete migration's target has no stage tag left, only the one naming its source.
        var recorded = recordedOn is null
            ? IsReuseName(strategy)
            : recordedOn.Tags is { } tags && (tags.TryGetValue(MigrationTagStage, out var stage)
                ? stage is "exported" or "imported" or "verified"
                : tags.ContainsKey(MigrationTagSource));
        if (recorded)
        {
            return accepted;
        }

        // What makes exporting again safe: the source is still there, in its subnet, holding its data (with -ReuseName
        // a Failed stage PATCH leaves it Failed, which the re-run's PATCH clears).
        var source = await s.Arm.GetAsync<RedisCache>(s.CacheId(Source));
        Assert.True(source is not null, $"{row}: the source is gone although its export was not recorded.");
        Assert.NotNull(source.Properties!.SubnetId);
        Assert.Equal(Fingerprint, await FingerprintAsync(s, Source));
        return accepted + 1;
    }

    /// <summary>
    /// The cache that records the export, once a stage PATCH the stopped run left Updating has finished: Azure
    /// finishes a write it accepted after Ctrl+C (a Managed Redis cluster shows its old tags until then), and the
    /// re-run reads the stage only once the cache is idle again.
    /// </summary>
    private async Task<ArmResource?> ExportRecordAsync(string strategy, string row)
    {
        var s = _scenario;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            ArmResource? cache;
            string? state;
            if (strategy == TargetSku)
            {
                var cluster = await s.Arm.GetAsync<ManagedRedisCluster>(ClusterId(s));
                (cache, state) = (cluster, cluster?.Properties?.ProvisioningState);
            }
            else
            {
                var redis = await s.Arm.GetAsync<RedisCache>(s.CacheId(IsReuseName(strategy) ? Source : Target));
                (cache, state) = (redis, redis?.Properties?.ProvisioningState);
            }

            if (state != "Updating")
            {
                return cache;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"{row}: the cache recording the export stayed Updating.");
            await Task.Delay(5);
        }
    }

    private static int ExportsOf(IEnumerable<RequestLogEntry> log) =>
        log.Count(r => r.Method == "POST" && r.Path.EndsWith($"/redis/{Source}/export", StringComparison.OrdinalIgnoreCase) && r.Status is >= 200 and < 300);

    /// <summary>The faulted write was answered with the fault (or not at all), then sent once more and accepted.</summary>
    private async Task AssertSentAgainAsync(string row, string fault, ConvertWrite write)
    {
        var log = await _scenario.Control.RequestsAsync();
        var sent = log.Where(r => r.Method == write.Method && Matches(write.PathPattern, r.Path))
            .OrderBy(r => r.Time - TimeSpan.FromMilliseconds(r.DurationMs)).ToList();
        var faulted = sent.FindIndex(r => r.Status is 0 or 429 or 500);
        var expectedStatus = fault switch { Throttled => 429, ServerError => 500, _ => 0 };
        var after = sent.Skip(faulted + 1).ToList();

        // After a lost answer ARM had acted on, a DELETE sent again may find the resource gone (404).
        var retried = after.FindIndex(r => r.Status is >= 200 and < 300 || (ActedOn(fault) && write.Method == "DELETE" && r.Status == 404));

        // Later steps may write the same path; before the retry is accepted, a -ReuseName create may be refused (409)
        // while Azure still holds the deleted cache's name, and a write sent again after a lost answer ARM acted on
        // is refused busy (409) while the operation it started runs.
        Assert.True(faulted >= 0 && sent[faulted].Status == expectedStatus && retried >= 0 && after.Take(retried).All(r => r.Status == 409),
            $"{row}/{fault}: expected the faulted {write.Method} then a successful retry, got {string.Join(", ", sent.Select(r => r.Status))}.");
        if (fault == Throttled)
        {
            var waited = sent[faulted + 1].Time - sent[faulted].Time;
            Assert.True(waited >= TimeSpan.FromMilliseconds(950), $"{row}: the retry came {waited.TotalMilliseconds:0} ms after the 429, before its Retry-After of 1 s.");
        }
    }

    /// <summary>The migration's whole end state, and from the request log of every run, the order of the writes that matter.</summary>
    private async Task AssertMigratedAsync(string strategy, string row, int exportsAccepted)
    {
        var s = _scenario;
        var subscription = $"/subscriptions/{s.Subscription}";
        var target = IsReuseName(strategy) ? Source : Target;
        var targetId = s.CacheId(target);

        var caches = await s.Arm.ListAsync<RedisCache>(subscription + "/providers/Microsoft.Cache/redis");
        if (strategy == NewNameKeepingSource)
        {
            // The source stays as it was: still in its injected subnet, still holding its data.
            var source = Assert.Single(caches, c => ResourceId.Parse(c.Id) == s.CacheId(Source));
            Assert.Equal("Succeeded", source.Properties!.ProvisioningState);
            Assert.NotNull(source.Properties.SubnetId);
            Assert.Equal(Fingerprint, await FingerprintAsync(s, Source));
            caches = caches.Where(c => c != source).ToList();
        }

        var (connections, groupId) = strategy == TargetSku
            ? (await AssertManagedRedisTargetAsync(caches), "redisEnterprise")
            : (await AssertClassicTargetAsync(strategy, caches, targetId), "redisCache");

        var endpointId = s.EndpointId(target + "-pe");
        var endpoint = Assert.Single(await s.Arm.ListAsync<PrivateEndpoint>(subscription + "/providers/Microsoft.Network/privateEndpoints"));
        Assert.Equal(endpointId.ToString(), endpoint.Id, ignoreCase: true);
        Assert.Equal("Succeeded", endpoint.Properties!.ProvisioningState);
        Assert.Equal(s.SubnetId().ToString(), endpoint.Properties.Subnet!.Id, ignoreCase: true);
        var endpointConnection = Assert.Single(endpoint.Properties.PrivateLinkServiceConnections!).Properties!;
        Assert.Equal("Approved", endpointConnection.PrivateLinkServiceConnectionState!.Status);
        Assert.Equal(new[] { groupId }, endpointConnection.GroupIds);
        Assert.Single(endpoint.Properties.NetworkInterfaces!);
        Assert.Equal(1, await CountNetworkInterfacesAsync(s));
        Assert.Single(connections);
        var zoneGroup = Assert.Single(await s.Arm.ListAsync<PrivateDnsZoneGroup>(endpointId + "/privateDnsZoneGroups"));
        Assert.Equal("Succeeded", zoneGroup.Properties!.ProvisioningState);

        var network = Assert.Single(await s.Arm.ListAsync<VirtualNetwork>(subscription + "/providers/Microsoft.Network/virtualNetworks"));
        Assert.Equal(new[] { "caches", "endpoints" }, network.Properties!.Subnets!.Select(n => n.Name!).OrderBy(n => n, StringComparer.Ordinal));
        // Azure's default: the module sends no private endpoint network policies for a subnet it creates unasked.
        Assert.Equal("Disabled", (await s.RequireAsync<Subnet>(s.SubnetId())).Properties!.PrivateEndpointNetworkPolicies);
        var zoneId = strategy == TargetSku ? s.ManagedRedisZoneId() : s.ZoneId();
        var zone = Assert.Single(await s.Arm.ListAsync<PrivateDnsZone>(subscription + "/providers/Microsoft.Network/privateDnsZones"));
        Assert.Equal(zoneId.ToString(), zone.Id, ignoreCase: true);
        var link = Assert.Single(await s.Arm.ListAsync<VirtualNetworkLink>(zoneId + "/virtualNetworkLinks"));
        Assert.Equal(s.VnetId().ToString(), link.Properties!.VirtualNetwork!.Id, ignoreCase: true);
        var record = Assert.Single(await s.Arm.ListAsync<ARecordSet>(zoneId + "/A"));
        Assert.Equal(strategy == TargetSku ? $"{Target}.{WorkflowScenario.Location}" : target, record.Name);
        Assert.Equal(await s.EndpointAddressAsync(endpointId), Assert.Single(record.Properties!.ARecords!).Ipv4Address);

        var log = await s.Control.RequestsAsync();
        var exports = ExportsOf(log);
        Assert.True(exports == exportsAccepted, $"{row}: expected {exportsAccepted} export(s) accepted, got {exports}.");
        var deleted = IndexOf(log, "DELETE", "/redis/" + Source);
        if (strategy == NewNameKeepingSource)
        {
            Assert.True(deleted < 0, $"{row}: the source was deleted although -KeepSource was given.");
        }
        else if (!IsReuseName(strategy))
        {
            // Side by side the source goes once the target is verified: after the last write that records a stage on it.
            Assert.True(deleted >= 0, $"{row}: the source was never deleted.");
            var verified = log.Select((entry, index) => (entry, index)).Last(e => e.entry.Method == "PATCH" && e.entry.Path.EndsWith("/" + TargetPath(strategy), StringComparison.OrdinalIgnoreCase) && e.entry.Status is >= 200 and < 300).index;
            Assert.True(deleted > verified, $"{row}: the source was deleted before the target was verified.");
        }
        else
        {
            Assert.True(deleted >= 0, $"{row}: the source was never deleted.");
            if (MovesData(strategy))
            {
                Assert.True(deleted > log.ToList().FindIndex(e => e.Method == "POST" && e.Path.EndsWith("/export", StringComparison.OrdinalIgnoreCase) && e.Status < 300), $"{row}: the source was deleted before its export.");
            }

            Assert.True(deleted > IndexOf(log, "PATCH", "/providers/Microsoft.Resources/tags/default"), $"{row}: the source was deleted before the target's definition was recorded.");
            var groupTags = (await s.RequireAsync<TagsResource>(ResourceId.ForResource(s.Subscription, WorkflowScenario.Group, "Microsoft.Resources/tags", "default"))).Properties?.Tags;
            Assert.DoesNotContain(groupTags?.Keys ?? Array.Empty<string>(), name => name.StartsWith("rpl-migration-target-", StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The classic target, alone among the caches, with the source's settings and data; returns its endpoint connections.</summary>
    private async Task<IList<PrivateEndpointConnection>> AssertClassicTargetAsync(string strategy, IReadOnlyList<RedisCache> caches, ResourceId targetId)
    {
        var s = _scenario;
        var cache = Assert.Single(caches);
        Assert.Equal(targetId.ToString(), cache.Id, ignoreCase: true);
        Assert.Equal("Succeeded", cache.Properties!.ProvisioningState);
        Assert.Null(cache.Properties.SubnetId);
        Assert.Equal("Disabled", cache.Properties.PublicNetworkAccess);
        Assert.Equal("allkeys-lru", cache.Properties.RedisConfiguration!["maxmemory-policy"]);
        // Complete: the source's own tags and the one naming it; the bookkeeping (stage, subnet, export, settings) is gone.
        AssertCompletedTags(s, cache.Tags);
        // Without a data migration the target starts empty.
        Assert.Equal(MovesData(strategy) ? Fingerprint : null, await FingerprintAsync(s, targetId.Name));
        Assert.Single(await s.Arm.ListAsync<ConvertChildResource>(targetId + "/firewallRules"));
        Assert.NotNull(await s.Arm.GetAsync<ConvertChildResource>(targetId.Child("patchSchedules", "default")));
        return cache.Properties.PrivateEndpointConnections!;
    }

    /// <summary>
    /// -TargetSku: no classic cache left (the source deleted); one Managed Redis cluster, Running with public access
    /// Disabled, its migration complete (only its source's tags and the one naming the source), with one database, Succeeded, holding the source's data; returns its endpoint connections.
    /// </summary>
    private async Task<IList<PrivateEndpointConnection>> AssertManagedRedisTargetAsync(IReadOnlyList<RedisCache> caches)
    {
        var s = _scenario;
        Assert.Empty(caches);
        var cluster = Assert.Single(await s.Arm.ListAsync<ManagedRedisCluster>($"/subscriptions/{s.Subscription}/providers/Microsoft.Cache/redisEnterprise"));
        Assert.Equal(ClusterId(s).ToString(), cluster.Id, ignoreCase: true);
        Assert.Equal(("Succeeded", "Running", "Disabled"), (cluster.Properties!.ProvisioningState, cluster.Properties.ResourceState, cluster.Properties.PublicNetworkAccess));
        Assert.Equal("Balanced_B5", cluster.Sku!.Name);
        AssertCompletedTags(s, cluster.Tags);
        var database = Assert.Single(await s.Arm.ListAsync<ManagedRedisDatabase>(ClusterId(s) + "/databases"));
        Assert.Equal(("default", "Succeeded", "AllKeysLRU"), (ResourceId.Parse(database.Id).Name, database.Properties!.ProvisioningState, database.Properties.EvictionPolicy));
        Assert.Equal(Fingerprint, await FingerprintAsync(s, Target));
        return cluster.Properties.PrivateEndpointConnections!;
    }

    /// <summary>One write of the migration: the step that sends it, its method, and the emulator's glob for its path.</summary>
    private sealed record ConvertWrite(string Step, string Method, string PathPattern, bool LongRunning);
}

using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.ConvertArrangements;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// The fault matrix's slow answer on Convert-VNetCacheToPrivateEndpoint's writes: the emulator holds one write past
/// the client's network timeout, so the client abandons it unanswered. An idempotent write (PUT, DELETE) is sent again
/// and the run finishes; an export or import (POST) may have started, so it is not sent again: the run stops at that
/// step, the export with ArmRequestTimedOut (the re-run exports the untouched source again), the import with
/// MigrationImportUnconfirmed (the re-run sends no import until the admin says what the target holds), and the same
/// command run again finishes without exporting twice.
/// </summary>
public sealed class ConvertTimeoutTests
{
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Every write of the migration but the export and import, in the order the plan sends them.</summary>
    [Theory]
    [InlineData("PUT", "*/redis/" + Target)]
    [InlineData("PUT", "*/privateDnsZones/" + WorkflowScenario.Zone)]
    [InlineData("PUT", "*/virtualNetworks/vnet1/subnets/endpoints")]
    [InlineData("PUT", "*/privateDnsZones/" + WorkflowScenario.Zone + "/virtualNetworkLinks/vnet1-link")]
    [InlineData("PUT", "*/redis/" + Target + "/firewallRules/office")]
    [InlineData("PUT", "*/redis/" + Target + "/patchSchedules/default")]
    [InlineData("PUT", "*/privateEndpoints/" + Target + "-pe")]
    [InlineData("PUT", "*/privateEndpoints/" + Target + "-pe/privateDnsZoneGroups/default")]
    [InlineData("PATCH", "*/redis/" + Target)]
    [InlineData("DELETE", "*/redis/" + Source)]
    [InlineData("PATCH", "*/redis/" + Target + "/providers/Microsoft.Resources/tags/default")]
    public async Task AnIdempotentWritePastTheTimeoutIsSentAgainAndTheMigrationFinishes(string method, string pathPattern)
    {
        await using var s = await StartAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "orders-v3");
        await HoldPastTheTimeoutAsync(s, method, pathPattern);

        await MigrateAsync(s, NewNameRequest(s));

        Assert.Empty(await s.Control.FaultsAsync());
        var sent = (await s.Control.RequestsAsync()).Where(r => r.Method == method && r.Path.EndsWith(Suffix(pathPattern), StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Time - TimeSpan.FromMilliseconds(r.DurationMs)).ToList();
        Assert.True(sent.Count >= 2 && sent[0].Status == 0 && sent[1].Status is >= 200 and < 300,
            $"{method} {pathPattern}: expected the abandoned request then a successful one, got {string.Join(", ", sent.Select(r => r.Status))}.");
        await AssertMigratedAsync(s);
    }

    [Theory]
    [InlineData("*/redis/" + Source + "/export", ConvertStepKeys.ExportSource, "ArmRequestTimedOut")]
    [InlineData("*/redis/" + Target + "/import", ConvertStepKeys.ImportData, WorkflowErrorIds.MigrationImportUnconfirmed)]
    public async Task AnExportOrImportPastTheTimeoutIsNotSentAgainAndARerunFinishes(string pathPattern, string step, string errorId)
    {
        await using var s = await StartAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "orders-v3");
        await HoldPastTheTimeoutAsync(s, "POST", pathPattern);

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => MigrateAsync(s, NewNameRequest(s)));

        Assert.Equal(step, failure.FailedStep.Key);
        Assert.Equal(errorId, Assert.IsType<RedisPrivateLinkException>(failure.InnerException).ErrorId);
        Assert.Contains("run the same command again", failure.Message, StringComparison.OrdinalIgnoreCase);

        // The fault held one request only: a second one would have been answered, and the step would not have failed.
        Assert.Empty(await s.Control.FaultsAsync());
        Assert.NotNull(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        var firstRun = await s.Control.RequestsAsync();

        await s.Control.ClearRequestsAsync();
        if (step == ConvertStepKeys.ImportData)
        {
            // The held import was never served: the admin finds the target empty and allows another import.
            Assert.Null(await FingerprintAsync(s, Target));
            var again = await Assert.ThrowsAsync<PlanStepFailedException>(() => MigrateAsync(s, NewNameRequest(s)));
            Assert.Equal(errorId, Assert.IsType<RedisPrivateLinkException>(again.InnerException).ErrorId);
            Assert.Empty(await s.Control.WritesAsync());
            await AllowAnotherImportAsync(s);
        }

        await MigrateAsync(s, NewNameRequest(s));

        var exports = firstRun.Concat(await s.Control.RequestsAsync())
            .Count(r => r.Method == "POST" && r.Path.EndsWith("/export", StringComparison.OrdinalIgnoreCase) && r.Status is >= 200 and < 300);
        Assert.Equal(1, exports);
        await AssertMigratedAsync(s);
    }

    /// <summary>
    /// ARM's 504 GatewayTimeout means its gateway did not get Microsoft.Cache's answer, which may go on with the import
    /// (hashicorp/terraform-provider-azurerm#8169): the import is unconfirmed, not failed, and no re-run sends another
    /// until the admin has looked.
    /// </summary>
    [Fact]
    public async Task AnImportAnsweredGatewayTimeoutIsUnconfirmedNotFailed()
    {
        await using var s = await StartAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "orders-v3");
        await s.Control.AddFaultAsync(new { method = "POST", pathPattern = "*/redis/" + Target + "/import", kind = "status", status = 504, code = "GatewayTimeout", count = 1 });

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => MigrateAsync(s, NewNameRequest(s)));

        Assert.Equal(ConvertStepKeys.ImportData, failure.FailedStep.Key);
        var unconfirmed = Assert.IsType<RedisPrivateLinkException>(failure.InnerException);
        Assert.Equal(WorkflowErrorIds.MigrationImportUnconfirmed, unconfirmed.ErrorId);
        Assert.Contains("504 GatewayTimeout", unconfirmed.Message, StringComparison.Ordinal);
        Assert.Contains("Update-AzTag", unconfirmed.Message, StringComparison.Ordinal);
        await s.Control.ClearRequestsAsync();
        var again = await Assert.ThrowsAsync<PlanStepFailedException>(() => MigrateAsync(s, NewNameRequest(s)));
        Assert.Equal(WorkflowErrorIds.MigrationImportUnconfirmed, Assert.IsType<RedisPrivateLinkException>(again.InnerException).ErrorId);
        Assert.Empty(await s.Control.WritesAsync());

        Assert.Null(await FingerprintAsync(s, Target));
        await AllowAnotherImportAsync(s);
        await MigrateAsync(s, NewNameRequest(s));

        await AssertMigratedAsync(s);
    }

    /// <summary>
    /// An import Azure accepted whose operation then cannot be read (every poll answered 500, retries spent) runs on
    /// in Azure: unconfirmed, not failed. The admin finds the data there and records it; the re-run imports nothing.
    /// </summary>
    [Fact]
    public async Task AnImportWhoseOperationCannotBeReadIsUnconfirmedAndNotSentAgain()
    {
        await using var s = await StartAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "orders-v3");
        var prepared = await PrepareAsync(s, NewNameRequest(s));
        var armed = new StepStartReporter(prepared.Plan.Steps.Single(step => step.Key == ConvertStepKeys.ImportData),
            () => s.Control.AddFaultAsync(new { method = "GET", pathPattern = "*/operationresults/*", kind = "status", status = 500, count = 7 }));
        PlanStepFailedException failure;
        using (RedisPrivateLink.Engine.Diagnostics.OperationReporter.Use(armed))
        {
            failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => WorkflowScenario.RunAsync(prepared));
        }

        Assert.Equal(ConvertStepKeys.ImportData, failure.FailedStep.Key);
        Assert.True(WorkflowErrorIds.MigrationImportUnconfirmed == Assert.IsType<RedisPrivateLinkException>(failure.InnerException).ErrorId, failure.InnerException!.ToString());
        Assert.Empty(await s.Control.FaultsAsync());

        // The admin's check: the data arrived. Recorded, the re-run imports nothing.
        Assert.Equal("orders-v3", await FingerprintAsync(s, Target));
        var recorded = await s.Arm.SendAsync(new Engine.Arm.ArmRequest(Azure.Core.RequestMethod.Patch, s.CacheId(Target) + "/providers/Microsoft.Resources/tags/default")
        {
            ApiVersion = Engine.Arm.ApiVersions.Tags,
            Body = new { operation = "Merge", properties = new { tags = new Dictionary<string, string> { ["rpl-migration-stage"] = "imported" } } },
        });
        Assert.True(recorded.IsSuccess, recorded.Content);
        await s.Control.ClearRequestsAsync();
        await MigrateAsync(s, NewNameRequest(s));

        Assert.DoesNotContain(await s.Control.RequestsAsync(), r => r.Method == "POST" && r.Path.EndsWith("/import", StringComparison.OrdinalIgnoreCase));
        await AssertMigratedAsync(s);
    }

    /// <summary>What MigrationImportUnconfirmed says to do when the target holds no data: remove the note of the import sent.</summary>
    private static async Task AllowAnotherImportAsync(WorkflowScenario s)
    {
        var tags = (await s.RequireAsync<RedisCache>(s.CacheId(Target))).Tags!;
        var path = s.CacheId(Target) + "/providers/Microsoft.Resources/tags/default";
        var response = await s.Arm.SendAsync(new Engine.Arm.ArmRequest(Azure.Core.RequestMethod.Patch, path)
        {
            ApiVersion = Engine.Arm.ApiVersions.Tags,
            Body = new { operation = "Delete", properties = new { tags = new Dictionary<string, string> { ["rpl-migration-import-sent"] = tags["rpl-migration-import-sent"] } } },
        });
        Assert.True(response.IsSuccess, response.Content);
    }

    /// <summary>Azure's durations 10,000 times faster, so the held request is the only wait worth counting.</summary>
    private static Task<WorkflowScenario> StartAsync() => WorkflowScenario.StartAsync(options => options.TimeScale = 0.0001, connect => connect.NetworkTimeout = NetworkTimeout);

    private static async Task HoldPastTheTimeoutAsync(WorkflowScenario s, string method, string pathPattern)
    {
        await s.Control.ClearRequestsAsync();
        await s.Control.AddFaultAsync(new { method, pathPattern, kind = "delay", delayMs = (int)(NetworkTimeout.TotalMilliseconds * 30), count = 1 });
    }

    /// <summary>The literal tail of a pattern, for finding its requests in the log.</summary>
    private static string Suffix(string pathPattern) => pathPattern.Substring(pathPattern.LastIndexOf('*') + 1);

    /// <summary>One cache left, the new one, holding the source's data behind one endpoint; the source is gone.</summary>
    private static async Task AssertMigratedAsync(WorkflowScenario s)
    {
        var cache = Assert.Single(await s.Arm.ListAsync<RedisCache>($"/subscriptions/{s.Subscription}/providers/Microsoft.Cache/redis"));
        Assert.Equal(s.CacheId(Target).ToString(), cache.Id, ignoreCase: true);
        Assert.Equal("Succeeded", cache.Properties!.ProvisioningState);
        Assert.Equal("orders-v3", await FingerprintAsync(s, Target));
        var endpoint = Assert.Single(await s.Arm.ListAsync<PrivateEndpoint>($"/subscriptions/{s.Subscription}/providers/Microsoft.Network/privateEndpoints"));
        Assert.Single(await s.Arm.ListAsync<PrivateDnsZoneGroup>(endpoint.Id + "/privateDnsZoneGroups"));
        Assert.Single(cache.Properties.PrivateEndpointConnections!);
        Assert.NotNull(await s.Arm.GetAsync<ConvertChildResource>(s.CacheId(Target).Child("firewallRules", "office")));
        AssertCompletedTags(s, cache.Tags);
    }
}

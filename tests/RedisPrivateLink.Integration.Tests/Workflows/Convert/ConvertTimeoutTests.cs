using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.ConvertArrangements;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// The fault matrix's slow answer on Convert-VNetCacheToPrivateEndpoint's writes: the emulator holds one write past
/// the client's network timeout, so the client abandons it unanswered. An idempotent write (PUT, DELETE) is sent again
/// and the run finishes; an export or import (POST) may have started, so it is not sent again: the run stops with
/// ArmRequestTimedOut at that step, and the same command run again finishes without exporting twice.
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
    [InlineData("*/redis/" + Source + "/export", ConvertStepKeys.ExportSource)]
    [InlineData("*/redis/" + Target + "/import", ConvertStepKeys.ImportData)]
    public async Task AnExportOrImportPastTheTimeoutIsNotSentAgainAndARerunFinishes(string pathPattern, string step)
    {
        await using var s = await StartAsync();
        await CreateSourceAsync(s);
        await SetFingerprintAsync(s, Source, "orders-v3");
        await HoldPastTheTimeoutAsync(s, "POST", pathPattern);

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => MigrateAsync(s, NewNameRequest(s)));

        Assert.Equal(step, failure.FailedStep.Key);
        Assert.Equal("ArmRequestTimedOut", Assert.IsType<RedisPrivateLinkException>(failure.InnerException).ErrorId);
        Assert.Contains("run the same command again", failure.Message, StringComparison.Ordinal);

        // The fault held one request only: a second one would have been answered, and the step would not have failed.
        Assert.Empty(await s.Control.FaultsAsync());
        Assert.NotNull(await s.Arm.GetAsync<RedisCache>(s.CacheId(Source)));
        var firstRun = await s.Control.RequestsAsync();

        await s.Control.ClearRequestsAsync();
        await MigrateAsync(s, NewNameRequest(s));

        var exports = firstRun.Concat(await s.Control.RequestsAsync())
            .Count(r => r.Method == "POST" && r.Path.EndsWith("/export", StringComparison.OrdinalIgnoreCase) && r.Status is >= 200 and < 300);
        Assert.Equal(1, exports);
        await AssertMigratedAsync(s);
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

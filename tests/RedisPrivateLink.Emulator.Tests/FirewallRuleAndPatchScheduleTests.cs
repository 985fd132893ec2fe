using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;
using static RedisPrivateLink.Emulator.Tests.Infrastructure.Bodies;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>A cache's firewall rules and patch schedule: synchronous child resources in the 2024-11-01 shapes.</summary>
public sealed class FirewallRuleAndPatchScheduleTests
{
    [Fact]
    public async Task FirewallRulesAreWrittenAtOnceAndReadListedAndDeleted()
    {
        await using var emulator = await StartAsync();

        using var created = await emulator.PutAsync(Redis(Rule(emulator, "rule1")), Range("10.0.0.1", "10.0.0.255"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal($"{emulator.Group("rg")}/providers/Microsoft.Cache/Redis/cache1/firewallRules/rule1", (string)body["id"]!);
        Assert.Equal("cache1/rule1", (string)body["name"]!);
        Assert.Equal("Microsoft.Cache/Redis/firewallRules", (string)body["type"]!);
        Assert.Equal(["endIP", "startIP"], body["properties"]!.AsObject().Select(p => p.Key).Order());

        using var updated = await emulator.PutAsync(Redis(Rule(emulator, "rule1")), Range("10.0.0.1", "10.0.0.9"));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        await emulator.PutOkAsync(Redis(Rule(emulator, "rule2")), Range("192.168.1.1", "192.168.1.1"));
        var read = await (await emulator.GetAsync(Redis(Rule(emulator, "rule1")))).JsonAsync();
        Assert.Equal("10.0.0.9", (string)read["properties"]!["endIP"]!);
        var list = await (await emulator.GetAsync(Redis($"{emulator.CacheId("cache1")}/firewallRules"))).JsonAsync();
        Assert.Equal(["cache1/rule1", "cache1/rule2"], list["value"]!.AsArray().Select(r => (string)r!["name"]!));

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Redis(Rule(emulator, "rule1")));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var gone = await emulator.GetAsync(Redis(Rule(emulator, "rule1")));
        await gone.AssertErrorAsync(HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Theory]
    [InlineData("300.0.0.1", "10.0.0.1", "properties.startIP")]
    [InlineData("10.0.0.1", null, "properties.endIP")]
    [InlineData("10.0.0.9", "10.0.0.1", "properties.endIP")]
    [InlineData("::1", "::2", "properties.startIP")]
    public async Task AFirewallRuleIsAnIpv4RangeInOrder(string startIp, string? endIp, string invalidParameter)
    {
        await using var emulator = await StartAsync();

        using var refused = await emulator.PutAsync(Redis(Rule(emulator, "rule1")), Range(startIp, endIp));

        Assert.StartsWith($"The value of the parameter '{invalidParameter}' is invalid.",
            await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));
    }

    [Fact]
    public async Task AChildOfAMissingCacheIsRefused()
    {
        await using var emulator = await StartAsync();

        using var orphan = await emulator.PutAsync(Redis($"{emulator.CacheId("nothere")}/firewallRules/rule1"), Range("10.0.0.1", "10.0.0.1"));

        await orphan.AssertErrorAsync(HttpStatusCode.NotFound, "ParentResourceNotFound");
    }

    [Fact]
    public async Task ThePatchScheduleIsTheDefaultOneWithTheCachesLocation()
    {
        await using var emulator = await StartAsync();

        using var created = await emulator.PutAsync(Redis(Schedule(emulator)), Entries(new JsonObject { ["dayOfWeek"] = "monday", ["startHourUtc"] = 2 }));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal($"{emulator.Group("rg")}/providers/Microsoft.Cache/Redis/cache1/patchSchedules/default", (string)body["id"]!);
        Assert.Equal("cache1/default", (string)body["name"]!);
        Assert.Equal("Microsoft.Cache/Redis/PatchSchedules", (string)body["type"]!);
        Assert.Equal("East US", (string)body["location"]!);
        Assert.Null(body["properties"]!["provisioningState"]);
        var entry = body["properties"]!["scheduleEntries"]![0]!;
        Assert.Equal(("Monday", 2, "PT5H"), ((string)entry["dayOfWeek"]!, (int)entry["startHourUtc"]!, (string)entry["maintenanceWindow"]!));
        var list = await (await emulator.GetAsync(Redis($"{emulator.CacheId("cache1")}/patchSchedules"))).JsonAsync();
        Assert.Single(list["value"]!.AsArray());

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Redis(Schedule(emulator)));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var gone = await emulator.GetAsync(Redis(Schedule(emulator)));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task ThePatchScheduleSentAgainReplacesTheOneThere()
    {
        await using var emulator = await StartAsync();
        await emulator.PutOkAsync(Redis(Schedule(emulator)), Entries(new JsonObject { ["dayOfWeek"] = "Monday", ["startHourUtc"] = 2 }));

        using var replaced = await emulator.PutAsync(Redis(Schedule(emulator)), Entries(new JsonObject { ["dayOfWeek"] = "Sunday", ["startHourUtc"] = 4 }));

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var entry = (await replaced.JsonAsync())["properties"]!["scheduleEntries"]![0]!;
        Assert.Equal(("Sunday", 4), ((string)entry["dayOfWeek"]!, (int)entry["startHourUtc"]!));
    }

    [Theory]
    [InlineData("weekly", "Monday", 2, null, "default")]
    [InlineData("default", "Someday", 2, null, "properties.scheduleEntries.dayOfWeek")]
    [InlineData("default", "Weekend", 24, null, "properties.scheduleEntries.startHourUtc")]
    [InlineData("default", "Everyday", 3, "PT1H", "properties.scheduleEntries.maintenanceWindow")]
    [InlineData("default", "Everyday", 3, "five hours", "properties.scheduleEntries.maintenanceWindow")]
    public async Task APatchScheduleIsCheckedEntryByEntry(string name, string day, int hour, string? window, string invalidParameter)
    {
        await using var emulator = await StartAsync();
        var entry = new JsonObject { ["dayOfWeek"] = day, ["startHourUtc"] = hour };
        if (window is not null)
        {
            entry["maintenanceWindow"] = window;
        }

        using var refused = await emulator.PutAsync(Redis($"{emulator.CacheId("cache1")}/patchSchedules/{name}"), Entries(entry));

        Assert.StartsWith($"The value of the parameter '{invalidParameter}' is invalid.",
            await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "InvalidRequestBody"));
    }

    [Fact]
    public async Task DeletingTheCacheDeletesItsChildren()
    {
        await using var emulator = await StartAsync(o => o.NameReleaseDelay = TimeSpan.Zero);
        await emulator.PutOkAsync(Redis(Rule(emulator, "rule1")), Range("10.0.0.1", "10.0.0.1"));
        await emulator.PutOkAsync(Redis(Schedule(emulator)), Entries(new JsonObject { ["dayOfWeek"] = "Sunday", ["startHourUtc"] = 1 }));

        using var deleted = await emulator.SendAsync(HttpMethod.Delete, Redis(emulator.CacheId("cache1")));
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        await emulator.PutOkAsync(Redis(emulator.CacheId("cache1")), new { location = "eastus" });

        var rules = await (await emulator.GetAsync(Redis($"{emulator.CacheId("cache1")}/firewallRules"))).JsonAsync();
        Assert.Empty(rules["value"]!.AsArray());
        using var schedule = await emulator.GetAsync(Redis(Schedule(emulator)));
        Assert.Equal(HttpStatusCode.NotFound, schedule.StatusCode);
    }

    private static string Rule(TestEmulator emulator, string name) => $"{emulator.CacheId("cache1")}/firewallRules/{name}";

    private static string Schedule(TestEmulator emulator) => $"{emulator.CacheId("cache1")}/patchSchedules/default";

    private static JsonObject Range(string startIp, string? endIp)
    {
        var properties = new JsonObject { ["startIP"] = startIp };
        if (endIp is not null)
        {
            properties["endIP"] = endIp;
        }

        return new JsonObject { ["properties"] = properties };
    }

    private static JsonObject Entries(params JsonObject[] entries) => new()
    {
        ["properties"] = new JsonObject { ["scheduleEntries"] = new JsonArray(entries.Select(e => (JsonNode)e).ToArray()) },
    };

    /// <summary>A group and a Standard cache, provisioned at once.</summary>
    private static async Task<TestEmulator> StartAsync(Action<Hosting.EmulatorOptions>? configure = null)
    {
        var emulator = await TestEmulator.StartAsync(o =>
        {
            o.TimeScale = 0;
            configure?.Invoke(o);
        });
        await emulator.CreateGroupAsync("rg");
        await emulator.PutOkAsync(Redis(emulator.CacheId("cache1")), new { location = "eastus" });
        return emulator;
    }
}

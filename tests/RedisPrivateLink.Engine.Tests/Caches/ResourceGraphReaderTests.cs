using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Tests.Arm;
using RedisPrivateLink.Engine.Tests.Infrastructure;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Caches;

/// <summary>Get-RedisPrivateCache -UseResourceGraph's reader on a fake transport: paging, the quota, the fallback.</summary>
public sealed class ResourceGraphReaderTests : GatewayTestBase
{
    private const string GraphPath = "/providers/Microsoft.ResourceGraph/resources";
    private const string Classic = """{"id":"/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.Cache/Redis/one","name":"one","type":"microsoft.cache/redis","location":"eastus","properties":{"sku":{"name":"Basic","family":"C","capacity":0},"publicNetworkAccess":"Enabled","provisioningState":"Succeeded"}}""";
    private const string Managed = """{"id":"/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/two","name":"two","type":"microsoft.cache/redisenterprise","location":"westeurope","sku":{"name":"Balanced_B0"},"properties":{"publicNetworkAccess":"Disabled","provisioningState":"Succeeded","resourceState":"Running"}}""";

    [Fact]
    public async Task Pages_are_followed_with_their_skip_token_and_each_row_becomes_the_cache_of_its_kind()
    {
        var transport = new FakeTransport(
            Json(200, Page("t1", Classic), ("x-ms-user-quota-remaining", "14"), ("x-ms-user-quota-resets-after", "00:00:05")),
            Json(200, Page(null, Managed), ("x-ms-user-quota-remaining", "13"), ("x-ms-user-quota-resets-after", "00:00:04")));

        var caches = await ReadAsync(transport);

        Assert.Equal(new[] { "one Classic Enabled", "two ManagedRedis Disabled" }, caches.Select(c => $"{c.Name} {c.Kind} {c.PublicNetworkAccess}"));
        var sent = transport.Requests.ToList();
        Assert.All(sent, r => Assert.Equal(("POST", GraphPath, "2022-10-01"), (r.Method, r.Path, r.ApiVersion)));
        Assert.DoesNotContain("$skipToken", sent[0].Body, StringComparison.Ordinal);
        Assert.Contains("\"$skipToken\":\"t1\"", sent[1].Body, StringComparison.Ordinal);
        Assert.Contains("\"$top\":1000", sent[0].Body, StringComparison.Ordinal);
        Assert.Empty(Waits);
    }

    [Fact]
    public async Task A_spent_quota_is_waited_out_before_the_next_page()
    {
        var transport = new FakeTransport(
            Json(200, Page("t1", Classic), ("x-ms-user-quota-remaining", "0"), ("x-ms-user-quota-resets-after", "00:00:03")),
            Json(200, Page(null, Managed), ("x-ms-user-quota-remaining", "14"), ("x-ms-user-quota-resets-after", "00:00:05")));

        var caches = await ReadAsync(transport);

        Assert.Equal(2, caches.Count);
        var wait = Assert.Single(Waits);
        Assert.InRange(wait.TotalSeconds, 2.5, 3.0);
    }

    [Fact]
    public async Task A_429_waits_for_the_quota_to_reset_and_is_sent_again()
    {
        var transport = new FakeTransport(
            Json(429, """{"error":{"code":"RateLimiting","message":"Please provide below info when asking for support: …"}}""", ("x-ms-user-quota-remaining", "0"), ("x-ms-user-quota-resets-after", "00:00:02")),
            Json(200, Page(null, Classic), ("x-ms-user-quota-remaining", "14"), ("x-ms-user-quota-resets-after", "00:00:05")));

        var caches = await ReadAsync(transport);

        Assert.Equal("one", Assert.Single(caches).Name);
        Assert.Equal(2, transport.Requests.Count);
        Assert.Contains(Waits, w => w.TotalSeconds is > 1.5 and <= 2.0);
    }

    [Fact]
    public async Task Where_Resource_Graph_is_not_there_each_subscription_is_listed_through_ARM_with_a_warning()
    {
        var transport = new FakeTransport(request => request switch
        {
            { Path: GraphPath } => Json(404, """{"error":{"code":"NotFound","message":"No route."}}"""),
            { Path: "/subscriptions" } => Json(200, """{"value":[{"subscriptionId":"11111111-1111-1111-1111-111111111111"}]}"""),
            { Path: "/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Cache/redis" } => Json(200, "{\"value\":[" + Classic + "]}"),
            _ => Json(200, """{"value":[]}"""),
        });

        var caches = await ReadAsync(transport);

        Assert.Equal("one", Assert.Single(caches).Name);
        Assert.Contains(Reporter.Warnings, w => w.Contains("Resource Graph is not available here (404 NotFound)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failure_after_caches_were_written_stops_rather_than_listing_them_again()
    {
        var transport = new FakeTransport(
            Json(200, Page("t1", Classic)),
            Json(404, """{"error":{"code":"NotFound","message":"Gone."}}"""));

        var failure = await Assert.ThrowsAsync<ArmException>(() => ReadAsync(transport));

        Assert.Equal(404, failure.Status);
        Assert.Equal(2, transport.Requests.Count);
    }

    private async Task<List<RedisPrivateCache>> ReadAsync(FakeTransport transport)
    {
        var caches = new List<RedisPrivateCache>();
        await new ResourceGraphReader(CreateGateway(transport)).ForEachCacheAsync(null, null, null, (cache, _) =>
        {
            caches.Add(cache);
            return Task.CompletedTask;
        });
        return caches;
    }

    private static string Page(string? skipToken, params string[] rows) =>
        "{\"totalRecords\":2,\"count\":" + rows.Length + ",\"data\":[" + string.Join(",", rows) + "]"
        + (skipToken is null ? string.Empty : ",\"$skipToken\":\"" + skipToken + "\"") + ",\"facets\":[],\"resultTruncated\":\"false\"}";
}

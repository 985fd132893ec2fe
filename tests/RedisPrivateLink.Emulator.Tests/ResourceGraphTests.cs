using System.Net;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Tests.Infrastructure;

namespace RedisPrivateLink.Emulator.Tests;

/// <summary>
/// POST /providers/Microsoft.ResourceGraph/resources: the Kusto subset (with query texts from Microsoft's starter
/// samples, MicrosoftDocs/azure-docs articles/governance/resource-graph/samples/starter.md, beside the module's own),
/// rows across subscriptions, paging with $skipToken, the quota headers and 429, and Resource Graph's error bodies.
/// </summary>
public sealed class ResourceGraphTests
{
    private const string Path = "/providers/Microsoft.ResourceGraph/resources?api-version=2022-10-01";
    private static readonly string Spoke = "33333333-3333-3333-3333-333333333333";
    private static readonly string Other = "44444444-4444-4444-4444-444444444444";

    [Fact]
    public async Task OneQueryFindsCachesOfBothKindsInEverySubscription()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await SeedAsync(emulator, [emulator.Sub, Spoke], 2);
        await SeedAsync(emulator, [Other], 1, kind: "ManagedRedis", access: "Disabled");

        var answer = await QueryAsync(emulator, "Resources | where type in~ ('microsoft.cache/redis', 'microsoft.cache/redisenterprise') | project id, name, type, location, resourceGroup, subscriptionId, tenantId, publicNetworkAccess = tostring(properties.publicNetworkAccess)");

        var rows = answer["data"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(5, (int)answer["totalRecords"]!);
        Assert.Equal([emulator.Sub, emulator.Sub, Spoke, Spoke, Other], rows.Select(r => (string)r["subscriptionId"]!));
        Assert.Equal(["microsoft.cache/redis", "microsoft.cache/redisenterprise"], rows.Select(r => (string)r["type"]!).Distinct());
        Assert.All(rows, r => Assert.Equal("eastus", (string)r["location"]!));
        Assert.All(rows, r => Assert.Equal("rg-fleet", (string)r["resourceGroup"]!));
        Assert.All(rows, r => Assert.Equal(emulator.Options.TenantId, (string)r["tenantId"]!));
        Assert.Equal(["Enabled", "Enabled", "Enabled", "Enabled", "Disabled"], rows.Select(r => (string)r["publicNetworkAccess"]!));
        Assert.Equal(8, rows[0].Count);
    }

    [Fact]
    public async Task TheSubscriptionsOfTheRequestBoundTheRows()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await SeedAsync(emulator, [emulator.Sub, Spoke, Other], 1);

        var answer = await QueryAsync(emulator, "resources | where type =~ 'Microsoft.Cache/Redis' | project subscriptionId", subscriptions: [Spoke, Other]);

        Assert.Equal([Spoke, Other], answer["data"]!.AsArray().Select(r => (string)r!["subscriptionId"]!));
    }

    [Fact]
    public async Task MicrosoftsStarterSamplesRun()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await SeedAsync(emulator, [emulator.Sub], 3);
        await SeedAsync(emulator, [emulator.Sub], 1, kind: "ManagedRedis", access: "Disabled");

        var count = await QueryAsync(emulator, "Resources\n| summarize count()");
        var vaults = await QueryAsync(emulator, "Resources\n| where type =~ 'microsoft.keyvault/vaults'\n| count");
        var sorted = await QueryAsync(emulator, "Resources\n| project name, type, location\n| order by name asc");
        var machines = await QueryAsync(emulator, "Resources | project name, location, type| where type =~ 'Microsoft.Compute/virtualMachines' | order by name desc");
        var byOs = await QueryAsync(emulator, "Resources\n| where type =~ 'Microsoft.Compute/virtualMachines'\n| extend os = properties.storageProfile.osDisk.osType\n| summarize count() by tostring(os)");
        var topFive = await QueryAsync(emulator, "Resources\n| where type =~ 'Microsoft.Compute/virtualMachines'\n| project name, properties.storageProfile.osDisk.osType\n| top 5 by name desc");

        Assert.Equal(4, (long)count["data"]![0]!["count_"]!);
        Assert.Equal(0, (long)vaults["data"]![0]!["Count"]!);
        var names = sorted["data"]!.AsArray().Select(r => (string)r!["name"]!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(["location", "name", "type"], sorted["data"]![0]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(0, (int)machines["totalRecords"]!);
        Assert.Equal(0, (int)byOs["totalRecords"]!);
        Assert.Equal(0, (int)topFive["totalRecords"]!);
    }

    [Fact]
    public async Task SummarizeCountsByAPropertyAndOrderBySortsDescendingByDefault()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await SeedAsync(emulator, [emulator.Sub], 3);
        await SeedAsync(emulator, [emulator.Sub], 1, kind: "ManagedRedis", access: "Disabled");

        var byAccess = await QueryAsync(emulator, "Resources | where type =~ 'microsoft.cache/redis' or type =~ 'microsoft.cache/redisenterprise' | summarize count() by tostring(properties.publicNetworkAccess) | order by count_");
        var open = await QueryAsync(emulator, "Resources | where isnotempty(properties.hostName) and properties.publicNetworkAccess != 'Disabled' | take 2");

        Assert.Equal(["Enabled", "Disabled"], byAccess["data"]!.AsArray().Select(r => (string)r!["properties_publicNetworkAccess"]!));
        Assert.Equal([3L, 1L], byAccess["data"]!.AsArray().Select(r => (long)r!["count_"]!));
        Assert.Equal(2, (int)open["count"]!);
    }

    [Fact]
    public async Task PagesFollowTheSkipTokenToTheEnd()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await SeedAsync(emulator, [emulator.Sub, Spoke], 12);
        const string query = "Resources | where type =~ 'microsoft.cache/redis' | project id";

        var pages = new List<JsonObject>();
        string? token = null;
        do
        {
            var page = await QueryAsync(emulator, query, top: 10, skipToken: token);
            pages.Add(page);
            token = (string?)page["$skipToken"];
        }
        while (token is not null);

        Assert.Equal([10, 10, 4], pages.Select(p => (int)p["count"]!));
        Assert.All(pages, p => Assert.Equal(24, (int)p["totalRecords"]!));
        Assert.Equal(24, pages.SelectMany(p => p["data"]!.AsArray()).Select(r => (string)r!["id"]!).Distinct().Count());
    }

    [Fact]
    public async Task ALoweredPageSizeServesFewerRowsThanAskedFor()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.ResourceGraph.MaxPageSize = 2);
        await SeedAsync(emulator, [emulator.Sub], 3);

        var page = await QueryAsync(emulator, "Resources", top: 1000);

        Assert.Equal((2, 3), ((int)page["count"]!, (int)page["totalRecords"]!));
        Assert.NotNull((string?)page["$skipToken"]);
    }

    [Fact]
    public async Task APageLargerThanResourceGraphsMaximumIsRefused()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await PostAsync(emulator, new JsonObject { ["query"] = "Resources", ["options"] = new JsonObject { ["$top"] = 1001 } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidRequest", (string)(await response.JsonAsync())["error"]!["details"]![0]!["code"]!);
    }

    [Fact]
    public async Task AQueryOutsideTheSubsetAnswersResourceGraphsInvalidQuery()
    {
        await using var emulator = await TestEmulator.StartAsync();

        // The query of Azure/azure-powershell#13762, whose answer this shape is.
        using var response = await PostAsync(emulator, new JsonObject { ["query"] = "Resources | parse id with * '/providers/' resourceProvider '/' resourceType '/' resourceName" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.JsonAsync())["error"]!;
        Assert.Equal("BadRequest", (string)error["code"]!);
        Assert.StartsWith("Please provide below info when asking for support: timestamp = ", (string)error["message"]!);
        Assert.Equal("InvalidQuery", (string)error["details"]![0]!["code"]!);
        Assert.Equal("parse", (string)error["details"]![1]!["token"]!);
    }

    [Fact]
    public async Task TheQuotaIsToldInEveryAnswerAndASpentOneAnswers429UntilItResets()
    {
        await using var emulator = await TestEmulator.StartAsync(o => (o.ResourceGraph.QueriesPerWindow, o.ResourceGraph.QuotaWindow) = (2, TimeSpan.FromSeconds(5)));

        using var first = await PostAsync(emulator, new JsonObject { ["query"] = "Resources" });
        using var second = await PostAsync(emulator, new JsonObject { ["query"] = "Resources" });
        emulator.Clock.Advance(TimeSpan.FromSeconds(2));
        using var refused = await PostAsync(emulator, new JsonObject { ["query"] = "Resources" });
        emulator.Clock.Advance(TimeSpan.FromSeconds(3));
        using var afterReset = await PostAsync(emulator, new JsonObject { ["query"] = "Resources" });

        Assert.Equal(("1", "00:00:05"), (first.Header("x-ms-user-quota-remaining"), first.Header("x-ms-user-quota-resets-after")));
        Assert.Equal("0", second.Header("x-ms-user-quota-remaining"));
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal(("0", "00:00:03"), (refused.Header("x-ms-user-quota-remaining"), refused.Header("x-ms-user-quota-resets-after")));
        var error = (await refused.JsonAsync())["error"]!;
        Assert.Equal("RateLimiting", (string)error["code"]!);
        Assert.Equal("RateLimiting", (string)error["details"]![0]!["code"]!);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
        Assert.Equal("1", afterReset.Header("x-ms-user-quota-remaining"));
    }

    [Fact]
    public async Task TheSeedAddsItsSubscriptionsAndProvisionedCaches()
    {
        await using var emulator = await TestEmulator.StartAsync();

        await SeedAsync(emulator, [Spoke], 2);

        var subscriptions = await (await emulator.GetAsync("/_emulator/subscriptions")).Content.ReadAsStringAsync();
        Assert.Contains(Spoke, subscriptions, StringComparison.Ordinal);
        var caches = await (await emulator.GetAsync($"/subscriptions/{Spoke}/providers/Microsoft.Cache/redis?api-version=2024-11-01")).JsonAsync();
        Assert.Equal(["Succeeded", "Succeeded"], caches["value"]!.AsArray().Select(c => (string)c!["properties"]!["provisioningState"]!));
    }

    private static async Task SeedAsync(TestEmulator emulator, string[] subscriptions, int caches, string kind = "Classic", string access = "Enabled")
    {
        using var response = await emulator.SendAsync(HttpMethod.Post, "/_emulator/seed",
            new { subscriptions, cachesPerSubscription = caches, kind, publicNetworkAccess = access, namePrefix = kind.ToLowerInvariant() });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Task<HttpResponseMessage> PostAsync(TestEmulator emulator, JsonObject body) => emulator.SendAsync(HttpMethod.Post, Path, body);

    private static async Task<JsonObject> QueryAsync(TestEmulator emulator, string query, string[]? subscriptions = null, int? top = null, string? skipToken = null)
    {
        var options = new JsonObject { ["resultFormat"] = "objectArray" };
        if (top is not null)
        {
            options["$top"] = top;
        }

        if (skipToken is not null)
        {
            options["$skipToken"] = skipToken;
        }

        var body = new JsonObject { ["query"] = query, ["options"] = options };
        if (subscriptions is not null)
        {
            body["subscriptions"] = new JsonArray(subscriptions.Select(s => (JsonNode)s).ToArray());
        }

        using var response = await PostAsync(emulator, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.ResourceGraph;

/// <summary>
/// POST /providers/Microsoft.ResourceGraph/resources: Azure Resource Graph's query, with the request and answer shapes
/// of azure-rest-api-specs (specification/resourcegraph, 2021-03-01 and 2022-10-01: QueryRequest {subscriptions,
/// managementGroups, query, options {$skip, $top, $skipToken, resultFormat}}, QueryResponse {totalRecords, count,
/// resultTruncated, $skipToken, data, facets}) over the emulator's store, for the Kusto subset of
/// <see cref="KustoQuery"/>. A query's result is kept while its pages are read (the latest few queries), so paging
/// sees one snapshot and costs one evaluation, as a continuation does.
/// </summary>
internal sealed class ResourceGraphHandler(EmulatorContext emulator)
{
    /// <summary>The versions of the spec whose shapes these are (objectArray, $skipToken in the body).</summary>
    public static readonly IReadOnlyList<string> ApiVersions = ["2021-03-01", "2022-10-01"];

    private const int DefaultPageSize = 100;

    /// <summary>The spec's maximum of QueryRequestOptions.$top.</summary>
    private const int MaxTop = 1000;
    private const int KeptResults = 8;

    private readonly LinkedList<(string Key, List<JsonObject> Rows)> _results = new();

    /// <summary>providers/Microsoft.ResourceGraph/resources, the only Resource Graph path the emulator serves.</summary>
    public static bool Serves(ArmPath path) =>
        path.Count == 3 && path.Is(0, "providers") && path.Is(1, "Microsoft.ResourceGraph") && path.Is(2, "resources");

    public ArmResult Handle(ArmRequest request)
    {
        if (request.Method != "POST")
        {
            throw ArmErrors.MethodNotAllowed(request.Method);
        }

        if (!ApiVersions.Contains(request.ApiVersion))
        {
            throw ArmErrors.NoRegisteredProvider("global", request.ApiVersion, "resources", ApiVersions);
        }

        var quota = emulator.ResourceGraphQuota.TryTake();
        if (!quota.Taken)
        {
            return WithQuota(ResourceGraphErrors.Throttled(request.Now).ToResult(), quota.Remaining, quota.ResetsAfter);
        }

        ArmResult result;
        try
        {
            result = new ArmResult(200, Query(request));
        }
        catch (ArmException error)
        {
            result = error.ToResult();
        }

        return WithQuota(result, quota.Remaining, quota.ResetsAfter);
    }

    private static ArmResult WithQuota(ArmResult result, int remaining, string resetsAfter) =>
        result.WithHeader(ResourceGraphQuota.RemainingHeader, remaining.ToString(CultureInfo.InvariantCulture))
            .WithHeader(ResourceGraphQuota.ResetsAfterHeader, resetsAfter);

    private JsonObject Query(ArmRequest request)
    {
        var body = request.Body as JsonObject ?? throw ResourceGraphErrors.InvalidRequest(request.Now, "The request body must be a QueryRequest object.");
        var text = JsonMerge.String(body, "query");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ResourceGraphErrors.InvalidRequest(request.Now, "The query is required.");
        }

        var options = body["options"] as JsonObject;
        if (JsonMerge.String(options, "resultFormat") is { } format && !format.Equals("objectArray", StringComparison.OrdinalIgnoreCase))
        {
            throw ResourceGraphErrors.InvalidRequest(request.Now, $"The emulator answers resultFormat 'objectArray' only, not '{format}'.");
        }

        var top = Integer(options, "$top") ?? DefaultPageSize;
        if (top < 1 || top > MaxTop)
        {
            throw ResourceGraphErrors.InvalidRequest(request.Now, $"The $top option must be between 1 and {MaxTop}.");
        }

        // A lowered page size (a test aid) serves fewer rows per page than asked for, as a client must expect of any page.
        top = Math.Min(top, emulator.Options.ResourceGraph.MaxPageSize);

        var subscriptions = (body["subscriptions"] as JsonArray)?.Select(s => s?.GetValue<string>() ?? "").ToList();
        var key = ResultKey(text, subscriptions);
        var offset = Integer(options, "$skip") ?? 0;
        if (JsonMerge.String(options, "$skipToken") is { } token)
        {
            offset = ReadSkipToken(token, key, request.Now);
        }

        var rows = Result(key, text, subscriptions, continuing: options?["$skipToken"] is not null);
        var page = new JsonArray();
        foreach (var row in rows.Skip(offset).Take(top))
        {
            page.Add(row.DeepClone());
        }

        var answer = new JsonObject
        {
            ["totalRecords"] = rows.Count,
            ["count"] = page.Count,
            ["resultTruncated"] = "false",
        };
        if (offset + page.Count < rows.Count)
        {
            answer["$skipToken"] = SkipToken(key, offset + page.Count);
        }

        answer["data"] = page;
        answer["facets"] = new JsonArray();
        return answer;
    }

    /// <summary>
    /// The query's rows: a continued query's from its first page when still kept, else evaluated now and kept. A first
    /// page is always evaluated afresh, so it sees every change since.
    /// </summary>
    private List<JsonObject> Result(string key, string text, List<string>? subscriptions, bool continuing)
    {
        lock (_results)
        {
            if (continuing && _results.FirstOrDefault(r => r.Key == key) is { Rows: not null } kept)
            {
                return kept.Rows;
            }
        }

        KustoQuery query;
        try
        {
            query = KustoQuery.Parse(text);
        }
        catch (KustoQueryException error)
        {
            throw ResourceGraphErrors.InvalidQuery(emulator.Now, error);
        }

        var rows = query.Run(Rows(subscriptions)).ToList();
        lock (_results)
        {
            if (_results.FirstOrDefault(r => r.Key == key) is { Rows: not null } stale)
            {
                _results.Remove(stale);
            }

            _results.AddFirst((key, rows));
            while (_results.Count > KeptResults)
            {
                _results.RemoveLast();
            }
        }

        return rows;
    }

    /// <summary>
    /// One row per top-level resource of the subscriptions asked for (all the emulator hosts when none are), shaped as
    /// Resource Graph's Resources table: the resource's own body (properties, tags, sku, zones, identity, kind) with
    /// type lower-cased, location normalized (eastus), and resourceGroup, subscriptionId and tenantId added.
    /// </summary>
    private IEnumerable<JsonObject> Rows(List<string>? subscriptions)
    {
        var hosted = emulator.Subscriptions.All()
            .Where(s => subscriptions is null || subscriptions.Contains(s.SubscriptionId, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(s => s.SubscriptionId, StringComparer.OrdinalIgnoreCase);
        foreach (var resource in emulator.Store.Resources.OrderBy(r => r.Sequence).ToList())
        {
            var segments = resource.Id.Split('/');
            if (segments.Length != 9 || !hosted.TryGetValue(segments[2], out var subscription)
                || ResourceTypeCatalog.Find(resource.TypeKey) is not { IsChild: false } type)
            {
                continue;
            }

            {

                var rendered = type.Provider.Render(resource, emulator.Store);
                var row = new JsonObject
                {
                    ["id"] = resource.Id,
                    ["name"] = resource.Name,
                    ["type"] = type.ResponseType.ToLowerInvariant(),
                    ["tenantId"] = subscription.TenantId,
                    ["kind"] = rendered["kind"]?.DeepClone() ?? "",
                    ["location"] = JsonMerge.String(rendered, "location") is { } location ? Regions.Normalize(location) : "",
                    ["resourceGroup"] = segments[4].ToLowerInvariant(),
                    ["subscriptionId"] = subscription.SubscriptionId,
                    ["managedBy"] = "",
                    ["sku"] = rendered["sku"]?.DeepClone(),
                    ["plan"] = null,
                    ["properties"] = rendered["properties"]?.DeepClone(),
                    ["tags"] = rendered["tags"]?.DeepClone(),
                    ["identity"] = rendered["identity"]?.DeepClone(),
                    ["zones"] = rendered["zones"]?.DeepClone(),
                    ["extendedLocation"] = null,
                };
                yield return row;
            }
        }
    }

    private static string ResultKey(string query, List<string>? subscriptions) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(query + "\n" + string.Join(",", subscriptions ?? [])))).ToLowerInvariant()[..16];

    /// <summary>An opaque token as Resource Graph's are: the query it continues and where.</summary>
    private static string SkipToken(string key, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{offset.ToString(CultureInfo.InvariantCulture)}"));

    private static int ReadSkipToken(string token, string key, DateTimeOffset now)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 2 && parts[0] == key && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Not one of ours: refused below.
        }

        throw ResourceGraphErrors.InvalidRequest(now, "The $skipToken does not continue this query.");
    }

    private static int? Integer(JsonObject? options, string name) =>
        options?[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;
}

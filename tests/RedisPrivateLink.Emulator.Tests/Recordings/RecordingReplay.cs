using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RedisPrivateLink.Emulator.Tests.Infrastructure;

namespace RedisPrivateLink.Emulator.Tests.Recordings;

/// <summary>What the emulator answered to one replayed request.</summary>
internal sealed record ReplayedAnswer(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// Replays a whole recording, in order, against a fresh emulator in the recording's subscription, so that state built by
/// earlier requests (PUT, then GET) is there for later ones. Each recording is replayed once and its answers shared by
/// its theory cases. Time moves by the gaps between the recorded Date headers on a manual clock: no sleeping.
/// </summary>
internal static class RecordingReplay
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyDictionary<int, ReplayedAnswer>>>> Replays = new();

    // Operation-status URLs as the providers spell them: asyncOperations, operationsStatus, operationresults,
    // operations, operationResults, privateDnsOperationStatuses.
    private static readonly Regex OperationPath = new("/(?:asyncOperations|operationsStatus|operationresults|operations|privateDnsOperationStatuses)/[^/]+$", RegexOptions.IgnoreCase);

    private static readonly Regex Subscription = new("^/subscriptions/(?<id>[0-9a-fA-F-]{36})", RegexOptions.IgnoreCase);

    private static readonly Regex ResourceGroup = new("^/subscriptions/[^/]+/resourcegroups/(?<name>[^/?]+)", RegexOptions.IgnoreCase);

    /// <summary>Long enough for any emulated operation to end; polls Azure answered as finished get it first.</summary>
    private static readonly TimeSpan FinishEveryOperation = TimeSpan.FromHours(2);

    public static Task<IReadOnlyDictionary<int, ReplayedAnswer>> AnswersAsync(string recording) =>
        Replays.GetOrAdd(recording, r => new Lazy<Task<IReadOnlyDictionary<int, ReplayedAnswer>>>(() => ReplayAsync(r))).Value;

    private static bool IsOperationPoll(RecordedExchange exchange) => exchange.Method == "GET" && OperationPath.IsMatch(exchange.Uri.AbsolutePath);

    private static async Task<IReadOnlyDictionary<int, ReplayedAnswer>> ReplayAsync(string recording)
    {
        var exchanges = RecordingReader.Read(recording);
        var subscription = exchanges.Select(e => Subscription.Match(e.Uri.AbsolutePath)).First(m => m.Success).Groups["id"].Value;
        await using var emulator = await TestEmulator.StartAsync(o => o.SubscriptionId = subscription);
        await CreateGroupsTheRecordingAssumesAsync(emulator, exchanges);

        // Azure's polling URLs (path) to the emulator's, paired from the headers of the answers to the same request.
        var pollUrls = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var answers = new Dictionary<int, ReplayedAnswer>();
        // Resources the replay has PUT or seeded, so an excerpt's pre-existing resource is seeded once.
        var created = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        DateTimeOffset? previousDate = null;
        foreach (var exchange in exchanges)
        {
            if (RecordedDate(exchange) is { } date)
            {
                if (previousDate is { } previous && date > previous)
                {
                    emulator.Clock.Advance(date - previous);
                }

                previousDate = date;
            }

            if (NotCompared.Requests.ContainsKey(exchange.Key))
            {
                continue;
            }

            if (!created.Contains(ResourcePath(exchange)) && exchange.Method != "PUT" && SeedBody(exchange) is { } seed)
            {
                await SeedAsync(emulator, exchange, seed);
                created.Add(ResourcePath(exchange));
            }

            if (exchange.Method == "PUT")
            {
                created.Add(ResourcePath(exchange));
            }

            if (IsOperationPoll(exchange) && IsFinished(exchange))
            {
                emulator.Clock.Advance(FinishEveryOperation);
            }

            var target = pollUrls.TryGetValue(Unescaped(exchange.Uri), out var emulatorUrl)
                ? new Uri(emulatorUrl)
                : new Uri(emulator.Running.Endpoint, Renamed(exchange.Uri.PathAndQuery, names));
            using var request = new HttpRequestMessage(new HttpMethod(exchange.Method), target);
            if (RequestBody(exchange, exchanges) is { } body)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            using var response = await emulator.Client.SendAsync(request);
            var answer = new ReplayedAnswer((int)response.StatusCode, Headers(response), await response.Content.ReadAsStringAsync());
            answers[exchange.Index] = answer;
            LearnNames(exchange, answer, names);
            foreach (var name in new[] { "Azure-AsyncOperation", "Location" })
            {
                if (exchange.Header(name) is { } recordedUrl && answer.Header(name) is { } answeredUrl)
                {
                    pollUrls[Unescaped(new Uri(new Uri("https://management.azure.com"), recordedUrl))] = answeredUrl;
                }
            }
        }

        return answers;
    }

    /// <summary>
    /// Excerpts start after their resource group was made: create each group the recording uses but does not PUT itself
    /// before using it.
    /// </summary>
    private static async Task CreateGroupsTheRecordingAssumesAsync(TestEmulator emulator, IReadOnlyList<RecordedExchange> exchanges)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var exchange in exchanges)
        {
            var match = ResourceGroup.Match(exchange.Uri.AbsolutePath);
            if (!match.Success || !seen.Add(match.Groups["name"].Value))
            {
                continue;
            }

            var isGroupCreate = exchange.Method == "PUT" && match.Length == exchange.Uri.AbsolutePath.TrimEnd('/').Length;
            if (!isGroupCreate)
            {
                await emulator.CreateGroupAsync(Uri.UnescapeDataString(match.Groups["name"].Value));
            }
        }
    }

    /// <summary>
    /// The recorded request body. The Java test proxy keeps none, so a PUT from it sends what Azure answered for that
    /// resource (the PUT's own answer, or the first later one with a location when the PUT answered 202 "{}"): it carries
    /// everything the request set, and read-only properties are ignored by ARM and the emulator alike.
    /// </summary>
    private static string? RequestBody(RecordedExchange exchange, IReadOnlyList<RecordedExchange> exchanges)
    {
        if (exchange.RequestBody is not null || exchange.Method != "PUT")
        {
            return exchange.RequestBody;
        }

        return exchanges.Skip(exchange.Index)
            .Where(e => ResourcePath(e).Equals(ResourcePath(exchange), StringComparison.OrdinalIgnoreCase) && e.Status is >= 200 and <= 299)
            .Select(e => e.ResponseBody is { } text ? JsonNode.Parse(text) as JsonObject : null)
            .Where(answer => answer?["properties"] is not null)
            .Select(answer => Settable(answer!).ToJsonString())
            .FirstOrDefault();
    }

    private static JsonObject Settable(JsonObject answer) =>
        new(answer.Where(p => p.Key is "location" or "tags" or "sku" or "zones" or "identity" or "properties")
            .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

    /// <summary>What to PUT to make the resource a recorded answer shows, or null when the answer is no such body.</summary>
    private static string? SeedBody(RecordedExchange exchange)
    {
        if (exchange.Status is < 200 or > 299 || IsOperationPoll(exchange) || exchange.ResponseBody is null
            || JsonNode.Parse(exchange.ResponseBody) is not JsonObject answer || answer["location"] is null)
        {
            return null;
        }

        return Settable(answer).ToJsonString();
    }

    /// <summary>
    /// An excerpt reads or changes a resource made before it starts: make it from the recorded answer and let its
    /// creation finish, so the recorded request meets the state Azure had.
    /// </summary>
    private static async Task SeedAsync(TestEmulator emulator, RecordedExchange exchange, string body)
    {
        var path = $"{exchange.Uri.AbsolutePath}?api-version={ApiVersion(exchange)}";
        using var response = await emulator.SendAsync(HttpMethod.Put, path, JsonNode.Parse(body));
        Assert.True(response.IsSuccessStatusCode, $"seeding {exchange}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        emulator.Clock.Advance(FinishEveryOperation);
    }

    private static string ApiVersion(RecordedExchange exchange) =>
        Regex.Match(exchange.Uri.Query, "api-version=(?<v>[^&]+)").Groups["v"].Value;

    private static string ResourcePath(RecordedExchange exchange) => Unescaped(exchange.Uri).TrimEnd('/');

    /// <summary>
    /// Names Azure makes up (a private endpoint connection is "{endpoint}.{guid}") differ in the emulator: learn them from
    /// lists both answered in the same order, so later requests address the emulator's.
    /// </summary>
    private static void LearnNames(RecordedExchange exchange, ReplayedAnswer answer, Dictionary<string, string> names)
    {
        if (exchange.ResponseBody is not { } recordedText || (JsonNode.Parse(recordedText) as JsonObject)?["value"] is not JsonArray recorded
            || !answer.Body.StartsWith('{') || (JsonNode.Parse(answer.Body) as JsonObject)?["value"] is not JsonArray answered
            || recorded.Count != answered.Count)
        {
            return;
        }

        foreach (var (azureName, emulatorName) in recorded.Zip(answered, (r, a) => ((string?)r?["name"], (string?)a?["name"])))
        {
            if (azureName is not null && emulatorName is not null && azureName != emulatorName)
            {
                names[azureName] = emulatorName;
            }
        }
    }

    private static string Renamed(string pathAndQuery, IReadOnlyDictionary<string, string> names) =>
        names.Aggregate(pathAndQuery, (path, name) => path.Replace("/" + name.Key, "/" + name.Value, StringComparison.Ordinal));

    private static bool IsFinished(RecordedExchange exchange)
    {
        if (exchange.Status is 202)
        {
            return false;
        }

        var status = exchange.ResponseBody is { Length: > 0 } body ? (JsonNode.Parse(body) as JsonObject)?["status"]?.GetValue<string>() : null;
        return status is null or "Succeeded" or "Failed" or "Canceled";
    }

    private static DateTimeOffset? RecordedDate(RecordedExchange exchange) =>
        exchange.Header("Date") is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : null;

    private static string Unescaped(Uri uri) => Uri.UnescapeDataString(uri.AbsolutePath);

    private static Dictionary<string, string> Headers(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat<KeyValuePair<string, IEnumerable<string>>>(response.Content.Headers))
        {
            headers[name] = string.Join(",", values);
        }

        return headers;
    }
}

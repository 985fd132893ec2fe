using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Tests.Recordings;

/// <summary>
/// Every request recorded from Azure in shared/recordings, replayed against the emulator: the status code, the
/// async-operation style (which of Azure-AsyncOperation and Location), Retry-After, and the body's shape (its set of
/// JSON property paths; values differ by nature) must be Azure's. Requests the emulator deliberately does not serve are
/// listed with a reason in not-compared.txt; a new recording becomes new cases here, failing until it matches or is listed.
/// </summary>
public sealed class RecordedTrafficTests
{
    public static TheoryData<string, int> ComparedRequests()
    {
        var data = new TheoryData<string, int>();
        foreach (var recording in RecordingReader.RecordingNames())
        {
            foreach (var exchange in RecordingReader.Read(recording).Where(e => !NotCompared.Requests.ContainsKey(e.Key)))
            {
                data.Add(recording, exchange.Index);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ComparedRequests))]
    public async Task Emulator_answers_a_recorded_request_as_Azure_did(string recording, int index)
    {
        var recorded = RecordingReader.Read(recording)[index];
        var answer = (await RecordingReplay.AnswersAsync(recording))[index];
        var differences = new List<string>();

        if (answer.Status != recorded.Status)
        {
            differences.Add($"status {answer.Status}, Azure {recorded.Status}");
        }

        if (LroStyle(answer.Header) != LroStyle(recorded.Header))
        {
            differences.Add($"async-operation headers '{LroStyle(answer.Header)}', Azure '{LroStyle(recorded.Header)}'");
        }

        // The Java test proxy wrote Retry-After "0" into every answer (shared/recordings/README.md: an artefact).
        if (!recording.StartsWith("azure-sdk-for-java_", StringComparison.Ordinal)
            && (recorded.Header("Retry-After") is null) != (answer.Header("Retry-After") is null))
        {
            differences.Add($"Retry-After '{answer.Header("Retry-After")}', Azure '{recorded.Header("Retry-After")}'");
        }

        var expected = Shape(recorded.ResponseBody);
        var actual = Shape(answer.Body);
        var missing = expected.Except(actual).Where(p => !NotCompared.IgnoresProperty(recorded, p)).ToList();
        var extra = actual.Except(expected).Where(p => !NotCompared.IgnoresProperty(recorded, p)).ToList();
        if (missing.Count > 0)
        {
            differences.Add("missing " + string.Join(", ", missing));
        }

        if (extra.Count > 0)
        {
            differences.Add("not in Azure's answer " + string.Join(", ", extra));
        }

        Assert.True(differences.Count == 0, $"{recorded}: {string.Join("; ", differences)}\nemulator: {answer.Body}");
    }

    [Fact]
    public void Every_line_of_the_not_compared_list_names_recorded_requests()
    {
        var keys = RecordingReader.RecordingNames().SelectMany(RecordingReader.Read).Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var recordings = RecordingReader.RecordingNames().ToHashSet(StringComparer.Ordinal);
        var stale = NotCompared.Entries
            .Where(e => e.Pattern.EndsWith("#*", StringComparison.Ordinal) ? !recordings.Contains(e.Pattern[..^2]) : !keys.Contains(e.Pattern))
            .Select(e => e.Pattern)
            .ToList();
        Assert.Empty(stale);
    }

    [Fact]
    public void Every_recording_is_read()
    {
        var names = RecordingReader.RecordingNames();
        Assert.Contains(names, n => n.StartsWith("additional/", StringComparison.Ordinal));
        Assert.All(names, n => Assert.NotEmpty(RecordingReader.Read(n)));
    }

    /// <summary>Which of the two async-operation headers an answer carries: "Azure-AsyncOperation+Location", one of them, or "none".</summary>
    private static string LroStyle(Func<string, string?> header)
    {
        var names = new[] { "Azure-AsyncOperation", "Location" }.Where(n => header(n) is not null).ToList();
        return names.Count == 0 ? "none" : string.Join("+", names);
    }

    /// <summary>The body's property paths ("properties.sku.name", "value[].id"); "(empty)" when there is no body.</summary>
    private static SortedSet<string> Shape(string? body)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body))
        {
            paths.Add("(empty)");
            return paths;
        }

        Walk(JsonNode.Parse(body), "$", paths);
        return paths;
    }

    private static void Walk(JsonNode? node, string path, SortedSet<string> paths)
    {
        switch (node)
        {
            case JsonObject obj when IsMap(path):
                // Maps keyed by data (tags, redisConfiguration, userAssignedIdentities) have the shape of their values only.
                foreach (var (_, value) in obj)
                {
                    Walk(value, path + ".*", paths);
                }

                paths.Add(path);
                break;
            case JsonObject obj:
                paths.Add(path);
                foreach (var (name, value) in obj)
                {
                    Walk(value, $"{path}.{name}", paths);
                }

                break;
            case JsonArray array:
                paths.Add(path);
                foreach (var item in array)
                {
                    Walk(item, path + "[]", paths);
                }

                break;
            default:
                paths.Add(path);
                break;
        }
    }

    private static bool IsMap(string path) =>
        path.EndsWith(".tags", StringComparison.Ordinal) || path.EndsWith(".redisConfiguration", StringComparison.Ordinal)
        || path.EndsWith(".userAssignedIdentities", StringComparison.Ordinal);
}

using System.Text.Json;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Emulator.Tests.Recordings;

/// <summary>
/// Reads every file under shared/recordings (and its sub-folders) in the four formats recorders use there: the Azure SDK
/// for Java test proxy (<c>networkCallRecords</c>), HttpMockServer (<c>Entries</c>), AutoRest PowerShell (an object of
/// named calls with <c>Request</c>/<c>Response</c>) and vcrpy YAML cassettes (azure-cli). A file in none of them fails,
/// so a new recording cannot be ignored by accident.
/// </summary>
internal static class RecordingReader
{
    public static string Root { get; } = FindRoot();

    public static IReadOnlyList<string> RecordingNames() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<RecordedExchange> Read(string recording)
    {
        var text = File.ReadAllText(Path.Combine(Root, recording));
        if (recording.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
        {
            return ReadCassette(recording, text);
        }

        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        if (root.TryGetProperty("networkCallRecords", out var records))
        {
            return records.EnumerateArray().Select((r, i) => ReadJava(recording, i, r)).ToList();
        }

        if (root.TryGetProperty("Entries", out var entries))
        {
            return entries.EnumerateArray().Select((e, i) => ReadMockServer(recording, i, e)).ToList();
        }

        var calls = root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("Request", out _)).ToList();
        if (calls.Count == 0)
        {
            throw new FormatException($"{recording}: not a recording format the replay knows.");
        }

        return calls.Select((c, i) => ReadAutoRest(recording, i, c.Value)).ToList();
    }

    private static RecordedExchange ReadJava(string recording, int index, JsonElement record)
    {
        var response = record.GetProperty("Response");
        var headers = response.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && p.Name is not "Body" and not "StatusCode")
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
        return new RecordedExchange(recording, index, record.GetProperty("Method").GetString()!, new Uri(record.GetProperty("Uri").GetString()!),
            null, int.Parse(response.GetProperty("StatusCode").GetString()!), headers,
            response.TryGetProperty("Body", out var body) ? body.GetString() : null);
    }

    private static RecordedExchange ReadMockServer(string recording, int index, JsonElement entry) =>
        new(recording, index, entry.GetProperty("RequestMethod").GetString()!,
            new Uri(new Uri("https://management.azure.com"), entry.GetProperty("RequestUri").GetString()!),
            NullIfEmpty(entry.GetProperty("RequestBody").GetString()), int.Parse(entry.GetProperty("StatusCode").ToString()),
            JoinHeaders(entry.GetProperty("ResponseHeaders")), NullIfEmpty(entry.GetProperty("ResponseBody").GetString()));

    private static RecordedExchange ReadAutoRest(string recording, int index, JsonElement call)
    {
        var request = call.GetProperty("Request");
        var response = call.GetProperty("Response");
        var headers = JoinHeaders(response.GetProperty("Headers"));
        foreach (var header in JoinHeaders(response.GetProperty("ContentHeaders")))
        {
            headers[header.Key] = header.Value;
        }

        return new RecordedExchange(recording, index, request.GetProperty("Method").GetString()!, new Uri(request.GetProperty("RequestUri").GetString()!),
            request.TryGetProperty("Content", out var content) ? NullIfEmpty(content.GetString()) : null,
            response.GetProperty("StatusCode").GetInt32(), headers,
            response.TryGetProperty("Content", out var responseContent) ? NullIfEmpty(responseContent.GetString()) : null);
    }

    private static Dictionary<string, string> JoinHeaders(JsonElement headers) =>
        headers.EnumerateObject().ToDictionary(h => h.Name, h => string.Join(",", h.Value.EnumerateArray().Select(v => v.GetString())), StringComparer.OrdinalIgnoreCase);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>A vcrpy cassette: the request method, uri and body, response code, headers and body of each interaction.</summary>
    private static List<RecordedExchange> ReadCassette(string recording, string text) =>
        YamlCassette.Read(text).Select((call, index) => new RecordedExchange(recording, index, call.Method, new Uri(call.Uri),
            call.RequestBody is "null" or "" ? null : call.RequestBody, call.Status, call.Headers, NullIfEmpty(call.ResponseBody))).ToList();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "recordings");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"No shared/recordings above {AppContext.BaseDirectory}: the replay tests need the shared folder beside the repository.");
    }
}

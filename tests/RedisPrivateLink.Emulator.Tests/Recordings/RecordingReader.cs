using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

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

    private static readonly Regex Key = new(@"^(?<indent> *)(?:- )?(?<key>[A-Za-z0-9_-]+):(?: (?<value>.*))?$");

    /// <summary>
    /// The part of a vcrpy cassette the replay needs: request method, uri and body, response code, headers and body.
    /// Only the YAML those cassettes use: block mappings, plain scalars and (multi-line) quoted scalars.
    /// </summary>
    private static List<RecordedExchange> ReadCassette(string recording, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var calls = new List<RecordedExchange>();
        string? method = null, uri = null, requestBody = null, responseBody = null, lastHeader = null;
        var status = 0;
        var section = string.Empty;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        void Flush()
        {
            if (method is not null && uri is not null)
            {
                calls.Add(new RecordedExchange(recording, calls.Count, method, new Uri(uri), requestBody, status, headers, responseBody));
            }

            method = uri = requestBody = responseBody = lastHeader = null;
            status = 0;
            headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("- request:", StringComparison.Ordinal))
            {
                Flush();
                section = "request";
                continue;
            }

            if (line.StartsWith("  response:", StringComparison.Ordinal))
            {
                section = "response";
                continue;
            }

            if (section == "response-headers" && lastHeader is not null && line.StartsWith("      - ", StringComparison.Ordinal))
            {
                headers[lastHeader] = ReadScalar(lines, ref i, line.Substring("      - ".Length));
                continue;
            }

            var match = Key.Match(line);
            if (!match.Success)
            {
                continue;
            }

            var indent = match.Groups["indent"].Length;
            var key = match.Groups["key"].Value;
            var value = match.Groups["value"].Success ? match.Groups["value"].Value : string.Empty;
            switch (section)
            {
                case "request" when indent == 4 && key == "method":
                    method = value.Trim();
                    break;
                case "request" when indent == 4 && key == "uri":
                    uri = ReadScalar(lines, ref i, value);
                    break;
                case "request" when indent == 4 && key == "body":
                    var body = ReadScalar(lines, ref i, value);
                    requestBody = body is "null" or "" ? null : body;
                    break;
                case "response" or "response-headers" when indent == 4 && key == "headers":
                    section = "response-headers";
                    break;
                case "response" or "response-headers" when indent == 4:
                    section = "response";
                    break;
                case "response" when indent == 6 && key == "string":
                    responseBody = NullIfEmpty(ReadScalar(lines, ref i, value));
                    break;
                case "response" when indent == 6 && key == "code":
                    status = int.Parse(value.Trim());
                    break;
                case "response-headers" when indent == 6:
                    lastHeader = key;
                    break;
            }
        }

        Flush();
        return calls;
    }

    private static string ReadScalar(string[] lines, ref int index, string start)
    {
        start = start.TrimStart();
        if (start.Length == 0 || (start[0] != '"' && start[0] != '\''))
        {
            return start.TrimEnd();
        }

        var quote = start[0];
        var output = new StringBuilder();
        var current = start.Substring(1);
        while (true)
        {
            for (var i = 0; i < current.Length; i++)
            {
                var c = current[i];
                if (quote == '\'' && c == '\'')
                {
                    if (i + 1 < current.Length && current[i + 1] == '\'')
                    {
                        output.Append('\'');
                        i++;
                        continue;
                    }

                    return output.ToString();
                }

                if (quote == '"' && c == '"')
                {
                    return output.ToString();
                }

                if (quote == '"' && c == '\\')
                {
                    if (i + 1 == current.Length)
                    {
                        // An escaped line break joins the lines without a space.
                        current = lines[++index].TrimStart();
                        i = -1;
                        continue;
                    }

                    output.Append(current[++i] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', var other => other });
                    continue;
                }

                output.Append(c);
            }

            // A line break inside a quoted scalar folds into one space; each empty line in between is a newline.
            while (output.Length > 0 && output[^1] is ' ' or '\t')
            {
                output.Length--;
            }

            var next = lines[++index];
            var emptyLines = 0;
            while (next.Trim().Length == 0)
            {
                emptyLines++;
                next = lines[++index];
            }

            output.Append(emptyLines == 0 ? " " : new string('\n', emptyLines));
            current = next.TrimStart();
        }
    }

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

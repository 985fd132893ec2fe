using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace RedisPrivateLink.Engine.Tests.Infrastructure;

/// <summary>
/// The official ARM examples and recorded Azure traffic in <c>shared/</c>, found by walking up from the test assembly
/// (the repo and shared/ are siblings, here and in CI). Missing data fails the test: these are the wire contract.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string ExamplesDirectory => Path.Combine(Root.Value, "arm-examples");

    public static string RecordingsDirectory => Path.Combine(Root.Value, "recordings");

    public static string ExamplePath(string relative) => Path.Combine(ExamplesDirectory, relative);

    /// <summary>Every response body of every example, keyed "folder/file.json#status".</summary>
    public static IReadOnlyList<(string Key, JsonElement Body)> ExampleResponses()
    {
        var result = new List<(string, JsonElement)>();
        foreach (var file in Directory.EnumerateFiles(ExamplesDirectory, "*.json", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(ExamplesDirectory, file).Replace('\\', '/');
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var response in document.RootElement.GetProperty("responses").EnumerateObject())
            {
                if (response.Value.TryGetProperty("body", out var body))
                {
                    result.Add(($"{relative}#{response.Name}", body.Clone()));
                }
            }
        }

        return result;
    }

    public static JsonElement ExampleResponse(string relative, string status) =>
        ExampleResponses().Single(r => r.Key == $"{relative}#{status}").Body;

    public static JsonElement ExampleRequestParameters(string relative)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ExamplePath(relative)));
        return document.RootElement.GetProperty("parameters").Clone();
    }

    /// <summary>Every recorded call of every recording (JSON and YAML cassettes), in order.</summary>
    public static IReadOnlyList<RecordedCall> RecordedCalls()
    {
        var calls = new List<RecordedCall>();
        foreach (var file in Directory.EnumerateFiles(RecordingsDirectory).OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                calls.AddRange(ReadJsonRecording(name, File.ReadAllText(file)));
            }
            else if (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
            {
                calls.AddRange(YamlCassetteReader.Read(name, File.ReadAllText(file)));
            }
        }

        return calls;
    }

    public static IReadOnlyList<RecordedCall> RecordedCalls(string fileNameStart) =>
        RecordedCalls().Where(c => c.Source.StartsWith(fileNameStart, StringComparison.Ordinal)).ToList();

    private static IEnumerable<RecordedCall> ReadJsonRecording(string source, string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var index = 0;
        if (root.TryGetProperty("Entries", out var entries))
        {
            // Azure PowerShell (HttpMockServer) format.
            foreach (var entry in entries.EnumerateArray())
            {
                var headers = entry.GetProperty("ResponseHeaders").EnumerateObject()
                    .ToDictionary(h => h.Name, h => string.Join(",", h.Value.EnumerateArray().Select(v => v.GetString())), StringComparer.OrdinalIgnoreCase);
                yield return new RecordedCall(
                    $"{source}[{index++}]",
                    entry.GetProperty("RequestMethod").GetString()!,
                    entry.GetProperty("RequestUri").GetString()!,
                    int.Parse(entry.GetProperty("StatusCode").ToString()),
                    entry.GetProperty("ResponseBody").GetString(),
                    headers);
            }
        }
        else
        {
            // Azure SDK for Java test-proxy format.
            foreach (var record in root.GetProperty("networkCallRecords").EnumerateArray())
            {
                var response = record.GetProperty("Response");
                var headers = response.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                    .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);
                headers.TryGetValue("Body", out var body);
                yield return new RecordedCall(
                    $"{source}[{index++}]",
                    record.GetProperty("Method").GetString()!,
                    record.GetProperty("Uri").GetString()!,
                    int.Parse(headers["StatusCode"]),
                    body,
                    headers);
            }
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "arm-examples")) && Directory.Exists(Path.Combine(candidate, "recordings")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"No 'shared/' directory with arm-examples/ and recordings/ was found above {AppContext.BaseDirectory}. " +
            "Put the shared data beside the repository clone (<clone>/../shared).");
    }
}

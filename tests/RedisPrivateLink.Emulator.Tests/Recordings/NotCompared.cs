namespace RedisPrivateLink.Emulator.Tests.Recordings;

/// <summary>
/// The reviewed list (Recordings/not-compared.txt) of recorded requests the replay does not compare, each with its
/// reason. A line is <c>&lt;recording&gt;#&lt;index&gt; | reason</c>, or <c>#*</c> for every request of a recording;
/// <c>&lt;recording&gt;#&lt;index or *&gt; $.json.path | reason</c> compares those requests but not that property (nor
/// what is under it).
/// </summary>
internal static class NotCompared
{
    private static readonly Lazy<IReadOnlyList<(string Pattern, string? Property, string Reason)>> Lines = new(Load);

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Expanded = new(Expand);

    /// <summary>Every line as written, so a test can check each still names a recorded request.</summary>
    public static IReadOnlyList<(string Pattern, string? Property, string Reason)> Entries => Lines.Value;

    /// <summary>Whether a body path of a recorded request is listed as not compared.</summary>
    public static bool IgnoresProperty(RecordedExchange exchange, string path) =>
        Entries.Any(e => e.Property is { } property && Matches(e.Pattern, exchange)
                         && (path == property || path.StartsWith(property + ".", StringComparison.Ordinal) || path.StartsWith(property + "[", StringComparison.Ordinal)));

    private static bool Matches(string pattern, RecordedExchange exchange) =>
        pattern == exchange.Key || pattern == $"{exchange.Recording}#*";

    /// <summary>Recorded request key ("file#index") to the reason it is not compared.</summary>
    public static IReadOnlyDictionary<string, string> Requests => Expanded.Value;

    private static IReadOnlyList<(string, string?, string)> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Recordings", "not-compared.txt");
        return File.ReadAllLines(path)
            .Where(line => line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'))
            .Select(line =>
            {
                var parts = line.Split('|', 2);
                if (parts.Length != 2 || parts[1].Trim().Length == 0)
                {
                    throw new FormatException($"not-compared.txt: '{line}' needs '<recording>#<index> | reason'.");
                }

                var target = parts[0].Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
                return (target[0], target.Length == 2 ? target[1] : null, parts[1].Trim());
            })
            .ToList();
    }

    private static IReadOnlyDictionary<string, string> Expand()
    {
        var requests = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (pattern, _, reason) in Entries.Where(e => e.Property is null))
        {
            if (pattern.EndsWith("#*", StringComparison.Ordinal))
            {
                var recording = pattern[..^2];
                foreach (var exchange in RecordingReader.Read(recording))
                {
                    requests[exchange.Key] = reason;
                }
            }
            else
            {
                requests[pattern] = reason;
            }
        }

        return requests;
    }
}

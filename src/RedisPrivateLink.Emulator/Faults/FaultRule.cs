using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace RedisPrivateLink.Emulator.Faults;

/// <summary>A fault as POSTed to /_emulator/faults (and listed back, with its id and what is left of its count).</summary>
public sealed class FaultRule
{
    public string? Id { get; set; }

    /// <summary>Only this HTTP method; any when absent.</summary>
    public string? Method { get; set; }

    /// <summary>A glob when it has * or ? and no other regex syntax (matched against the whole path), otherwise a regex
    /// searched in the path; case-insensitive either way.</summary>
    public string PathPattern { get; set; } = "";

    /// <summary>status | delay | drop | dropAfterActing | holdAfterActing | lroFailed | busy | lroRetryableError | notFoundAfterCreate | allocationFailed.</summary>
    public string Kind { get; set; } = "";

    public int? Status { get; set; }

    public string? Code { get; set; }

    public string? Message { get; set; }

    public int? RetryAfter { get; set; }

    /// <summary>delay: how long the request is held before it is served; holdAfterActing: how long the answer is held before the connection is dropped.</summary>
    public int? DelayMs { get; set; }

    /// <summary>How many more times it fires; defaults to 1 without a probability, unlimited with one.</summary>
    public int? Count { get; set; }

    public double? Probability { get; set; }

    [JsonIgnore]
    internal Regex? Matcher { get; set; }

    /// <summary>For notFoundAfterCreate: the paths created since the rule was added, whose next GETs it answers 404.</summary>
    [JsonIgnore]
    internal HashSet<string> CreatedPaths { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal static readonly string[] Kinds = ["status", "delay", "drop", "dropAfterActing", "holdAfterActing", "lroFailed", "busy", "lroRetryableError", "notFoundAfterCreate", "allocationFailed"];

    private static readonly char[] GlobCharacters = ['*', '?'];

    private static readonly char[] RegexOnlyCharacters = ['^', '$', '(', ')', '[', ']', '{', '}', '+', '|', '\\'];

    internal bool IsGlob =>
        PathPattern.IndexOfAny(GlobCharacters) >= 0
        && PathPattern.IndexOfAny(RegexOnlyCharacters) < 0
        && !PathPattern.Contains(".*", StringComparison.Ordinal);

    internal Regex BuildMatcher()
    {
        var pattern = IsGlob
            ? "^" + Regex.Escape(PathPattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$"
            : PathPattern;
        return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}

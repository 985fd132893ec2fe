using System.Text.RegularExpressions;

namespace RedisPrivateLink.Emulator.Faults;

/// <summary>Faults injected by tests through /_emulator/faults; each match consumes one use of the first rule that fires.</summary>
internal sealed class FaultRegistry(Random random)
{
    private readonly List<FaultRule> _rules = [];
    private readonly Lock _gate = new();
    private int _lastId;

    /// <summary>Validates and registers a rule; returns its id.</summary>
    public string Add(FaultRule rule)
    {
        var kind = FaultRule.Kinds.FirstOrDefault(k => k.Equals(rule.Kind, StringComparison.OrdinalIgnoreCase))
                   ?? throw new ArgumentException($"kind must be one of {string.Join(", ", FaultRule.Kinds)}.");
        if (string.IsNullOrEmpty(rule.PathPattern))
        {
            throw new ArgumentException("pathPattern is required.");
        }

        if (rule.Probability is < 0 or > 1)
        {
            throw new ArgumentException("probability must be between 0 and 1.");
        }

        if (kind == "status" && rule.Status is not (>= 400 and <= 599))
        {
            throw new ArgumentException("a status fault needs a status between 400 and 599.");
        }

        if (kind == "busy" && rule.Status is not (null or 409 or 429))
        {
            throw new ArgumentException("a busy fault answers 409 (the default) or, for Microsoft.Network, 429.");
        }

        if (kind == "holdAfterActing" && rule.DelayMs is not > 0)
        {
            throw new ArgumentException("a holdAfterActing fault needs delayMs: how long the answer is held before the connection is dropped.");
        }

        try
        {
            rule.Matcher = rule.BuildMatcher();
        }
        catch (ArgumentException error)
        {
            throw new ArgumentException($"pathPattern is not a valid pattern: {error.Message}");
        }

        lock (_gate)
        {
            rule.Kind = kind;
            rule.Id = (++_lastId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            rule.Count ??= rule.Probability is null ? 1 : null;
            _rules.Add(rule);
            return rule.Id;
        }
    }

    public IReadOnlyList<FaultRule> List()
    {
        lock (_gate)
        {
            return _rules.ToList();
        }
    }

    public bool Remove(string id)
    {
        lock (_gate)
        {
            return _rules.RemoveAll(r => r.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>The first status/delay/drop/dropAfterActing/holdAfterActing/busy rule that fires for this request, consuming one use of it.</summary>
    public FaultRule? TakeRequestFault(string method, string path) =>
        Take(method, path, kind => kind is "status" or "delay" or "drop" or "dropAfterActing" or "holdAfterActing" or "busy");

    /// <summary>Whether an lroFailed rule fires for this write, consuming one use of it.</summary>
    public bool TakeLroFailure(string method, string path) => Take(method, path, kind => kind == "lroFailed") is not null;

    /// <summary>The allocationFailed rule that fires for this Managed Redis cluster create, consuming one use of it; null when none does.</summary>
    public FaultRule? TakeAllocationFailure(string method, string path) => Take(method, path, kind => kind == "allocationFailed");

    /// <summary>Whether an lroRetryableError rule fires for this write, consuming one use of it.</summary>
    public bool TakeLroRetryableError(string method, string path) => Take(method, path, kind => kind == "lroRetryableError") is not null;

    /// <summary>A PUT created the resource at <paramref name="path"/>: notFoundAfterCreate rules matching it start answering its GETs.</summary>
    public void NoteCreated(string path)
    {
        lock (_gate)
        {
            foreach (var rule in _rules.Where(r => r.Kind == "notFoundAfterCreate" && Matches(r.Matcher!, path)))
            {
                rule.CreatedPaths.Add(path.TrimEnd('/'));
            }
        }
    }

    /// <summary>Whether a notFoundAfterCreate rule answers this GET of a resource created since it was added, consuming one use of it.</summary>
    public bool TakeNotFoundAfterCreate(string method, string path) =>
        method.Equals("GET", StringComparison.OrdinalIgnoreCase)
        && Take(method, path, kind => kind == "notFoundAfterCreate", rule => rule.CreatedPaths.Contains(path.TrimEnd('/'))) is not null;

    private FaultRule? Take(string method, string path, Func<string, bool> kindFilter, Func<FaultRule, bool>? armed = null)
    {
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (!kindFilter(rule.Kind)
                    || (armed is not null && !armed(rule))
                    || (rule.Method is not null && !rule.Method.Equals(method, StringComparison.OrdinalIgnoreCase))
                    || !Matches(rule.Matcher!, path)
                    || (rule.Probability is { } probability && random.NextDouble() >= probability))
                {
                    continue;
                }

                if (rule.Count is { } count)
                {
                    rule.Count = count - 1;
                    if (rule.Count <= 0)
                    {
                        _rules.Remove(rule);
                    }
                }

                return rule;
            }

            return null;
        }
    }

    private static bool Matches(Regex matcher, string path)
    {
        try
        {
            return matcher.IsMatch(path);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}

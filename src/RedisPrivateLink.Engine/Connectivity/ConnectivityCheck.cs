using System;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>One step of reaching a cache: whether it passed, what was observed, and what to do when it failed.</summary>
public sealed class ConnectivityCheck
{
    internal ConnectivityCheck(string name, string target, bool? passed, string evidence, string? hint, TimeSpan duration)
    {
        Name = name;
        Target = target;
        Passed = passed;
        Evidence = evidence;
        Hint = hint;
        Duration = duration;
    }

    /// <summary>One of <see cref="ConnectivityCheckNames"/>.</summary>
    public string Name { get; }

    /// <summary>What was checked: a host name, an address and port, an endpoint or a zone.</summary>
    public string Target { get; }

    /// <summary>True or false; null when the check was skipped (an earlier one failed, or its input was not given).</summary>
    public bool? Passed { get; }

    /// <summary>What was observed, or why the check was skipped.</summary>
    public string Evidence { get; }

    /// <summary>What to do about a failure; null when the check passed or was skipped.</summary>
    public string? Hint { get; }

    public TimeSpan Duration { get; }

    /// <summary>E.g. "TcpConnect Failed: 10.0.0.4:6380 refused the connection"; a skipped check's evidence already says so.</summary>
    public override string ToString() => Passed is null ? $"{Name}: {Evidence}" : $"{Name} {(Passed.Value ? "Passed" : "Failed")}: {Evidence}";
}

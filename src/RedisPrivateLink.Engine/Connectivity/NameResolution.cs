using System;
using System.Collections.Generic;
using System.Net;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>What a DNS lookup of the cache's host name answered.</summary>
public sealed class NameResolution
{
    public NameResolution(IReadOnlyList<IPAddress> addresses, IReadOnlyList<string> canonicalNames, string source)
    {
        Addresses = addresses ?? throw new ArgumentNullException(nameof(addresses));
        CanonicalNames = canonicalNames ?? throw new ArgumentNullException(nameof(canonicalNames));
        Source = source ?? throw new ArgumentNullException(nameof(source));
    }

    /// <summary>The name does not exist (NXDOMAIN).</summary>
    public static NameResolution NotFound(string source) => new(Array.Empty<IPAddress>(), Array.Empty<string>(), source) { NameExists = false };

    /// <summary>The server gave no answer at all; <paramref name="reason"/> says what happened instead.</summary>
    public static NameResolution NoAnswer(string source, string reason) => new(Array.Empty<IPAddress>(), Array.Empty<string>(), source) { FailureReason = reason };

    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>The CNAME targets in the order they were followed; the system resolver shows only the last one.</summary>
    public IReadOnlyList<string> CanonicalNames { get; }

    /// <summary>Who answered: "the system resolver" or "DNS server 10.0.0.4:53".</summary>
    public string Source { get; }

    public bool NameExists { get; private set; } = true;

    /// <summary>Why there is no answer (a timeout, a server failure); null when the server answered.</summary>
    public string? FailureReason { get; private set; }
}

using System;
using System.Management.Automation;

namespace RedisPrivateLink.Runtime;

/// <summary>-Subscription values with PowerShell's wildcards, matched as the engine's subscription choice asks.</summary>
internal static class SubscriptionPatterns
{
    /// <summary>A matcher for <paramref name="value"/> when it holds wildcards (ignoring case), else null.</summary>
    public static Func<string, bool>? Of(string value) =>
        WildcardPattern.ContainsWildcardCharacters(value) ? new WildcardPattern(value, WildcardOptions.IgnoreCase).IsMatch : null;
}

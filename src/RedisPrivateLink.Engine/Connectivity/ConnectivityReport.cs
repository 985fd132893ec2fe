using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>The summary of a connectivity test, written after its checks.</summary>
public sealed class ConnectivityReport
{
    internal ConnectivityReport(string hostName, string[] resolvedAddresses, string[] privateIpAddresses, IReadOnlyList<ConnectivityCheck> checks)
    {
        HostName = hostName;
        ResolvedAddresses = resolvedAddresses;
        PrivateIpAddresses = privateIpAddresses;
        Checks = checks;
        var failed = new List<string>();
        var anyPassed = false;
        foreach (var check in checks)
        {
            if (check.Passed == false)
            {
                failed.Add(check.Name);
            }

            anyPassed |= check.Passed == true;
        }

        FailedChecks = failed.ToArray();
        AllPassed = anyPassed && failed.Count == 0;
    }

    public string HostName { get; }

    /// <summary>What the host name resolved to from where the test ran.</summary>
    public string[] ResolvedAddresses { get; }

    /// <summary>The private endpoint IPs ARM reports for the cache; empty when the test ran without ARM.</summary>
    public string[] PrivateIpAddresses { get; }

    /// <summary>True when no check failed and at least one passed; skipped checks count neither way.</summary>
    public bool AllPassed { get; }

    /// <summary>The names of the failed checks, in the order they ran.</summary>
    public string[] FailedChecks { get; }

    public IReadOnlyList<ConnectivityCheck> Checks { get; }
}

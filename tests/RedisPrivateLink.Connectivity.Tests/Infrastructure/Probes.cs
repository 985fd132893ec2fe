using RedisPrivateLink.Engine.Connectivity;

namespace RedisPrivateLink.Connectivity.Tests.Infrastructure;

/// <summary>Probe options aimed at loopback only: the test's DNS responder and, as the endpoint, 127.0.0.2.</summary>
public static class Probes
{
    public static ConnectivityProbeOptions Options(LoopbackDnsResponder dns, int port, string hostName = RedisServer.HostName) => new()
    {
        HostName = hostName,
        Port = port,
        DnsServer = dns.EndPoint,
        ExpectedAddresses = [RedisServer.EndpointAddress],
        Timeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>The answers Azure DNS gives inside a linked network: the public name CNAMEs to the privatelink name, which has the endpoint's A record.</summary>
    public static LoopbackDnsResponder LinkedZone(this LoopbackDnsResponder dns, string hostName = RedisServer.HostName, string address = "127.0.0.2")
    {
        var privateName = hostName.Replace(".redis.cache.windows.net", ".privatelink.redis.cache.windows.net", StringComparison.Ordinal);
        return dns.CName(hostName, privateName).A(privateName, address);
    }

    /// <summary>Options aimed at <paramref name="redis"/> through <paramref name="dns"/>, trusting the test CA that issued its certificate.</summary>
    public static ConnectivityProbeOptions TrustingOptions(LoopbackDnsResponder dns, RedisServer redis)
    {
        var options = Options(dns, redis.Port);
        options.AdditionalChainTrust = redis.Certificates.TrustsChainOf;
        return options;
    }

    public static async Task<ConnectivityReport> RunAsync(ConnectivityProbeOptions options) =>
        await new ConnectivityProbe(options).RunAsync();

    public static ConnectivityCheck Single(this ConnectivityReport report, string name) => Assert.Single(report.Checks, c => c.Name == name);
}

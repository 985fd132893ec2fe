using RedisPrivateLink.Connectivity.Tests.Infrastructure;
using RedisPrivateLink.Engine.Connectivity;

namespace RedisPrivateLink.Connectivity.Tests;

/// <summary>
/// The DNS check against answers a loopback DNS responder gives. No redis-server here: the port is closed, so a network
/// check that runs can only be refused, and the ones that must not run are shown skipped.
/// </summary>
public sealed class DnsResolutionTests : IDisposable
{
    private readonly LoopbackDnsResponder _dns = new();
    private readonly int _closedPort = LoopbackPorts.Free(RedisServer.EndpointAddress);

    [Fact]
    public async Task TheChainThroughThePrivateLinkZoneToTheEndpointIpPasses()
    {
        _dns.LinkedZone();

        var report = await Probes.RunAsync(Probes.Options(_dns, _closedPort));

        var dns = report.Single(ConnectivityCheckNames.DnsResolution);
        Assert.True(dns.Passed);
        Assert.Null(dns.Hint);
        Assert.Contains($"CNAME {RedisServer.PrivateLinkName} -> 127.0.0.2", dns.Evidence);
        Assert.Contains($"DNS server {_dns.EndPoint}", dns.Evidence);
        Assert.True(_dns.QueryCount > 0);
        Assert.Equal(["127.0.0.2"], report.ResolvedAddresses);
        Assert.Equal($"127.0.0.2:{_closedPort}", report.Single(ConnectivityCheckNames.TcpConnect).Target);
    }

    [Fact]
    public async Task APublicAddressFailsWithTheZoneLinkHintAndIsNeverConnectedTo()
    {
        // 203.0.113.0/24 is reserved for documentation: a public address no test may reach, and none does.
        _dns.CName(RedisServer.HostName, "cache1.redis.cache.windows.net.example").A("cache1.redis.cache.windows.net.example", "203.0.113.10");

        var report = await Probes.RunAsync(Probes.Options(_dns, _closedPort));

        var dns = report.Single(ConnectivityCheckNames.DnsResolution);
        Assert.False(dns.Passed);
        Assert.Contains("a public address", dns.Evidence);
        Assert.Contains("isn't linked to the private DNS zone", dns.Hint);
        Assert.Contains("168.63.129.16", dns.Hint);
        AssertNetworkChecksSkipped(report);
    }

    [Fact]
    public async Task AnotherPrivateAddressThanTheEndpointsIsAStaleRecord()
    {
        _dns.LinkedZone(address: "127.0.0.9");

        var report = await Probes.RunAsync(Probes.Options(_dns, _closedPort));

        var dns = report.Single(ConnectivityCheckNames.DnsResolution);
        Assert.False(dns.Passed);
        Assert.Contains("not the endpoint's; the private endpoint's IP is 127.0.0.2", dns.Evidence);
        Assert.Contains("stale", dns.Hint);
        AssertNetworkChecksSkipped(report);
    }

    [Fact]
    public async Task NxDomainSaysTheNameIsWrongOrTheZoneLinkIsMissing()
    {
        var report = await Probes.RunAsync(Probes.Options(_dns, _closedPort));

        var dns = report.Single(ConnectivityCheckNames.DnsResolution);
        Assert.False(dns.Passed);
        Assert.Contains("does not exist (NXDOMAIN)", dns.Evidence);
        Assert.Contains("Check the cache name", dns.Hint);
        Assert.Contains("not linked to this network", dns.Hint);
        Assert.Empty(report.ResolvedAddresses);
        AssertNetworkChecksSkipped(report);
        Assert.False(report.AllPassed);
        Assert.Equal([ConnectivityCheckNames.DnsResolution], report.FailedChecks);
    }

    [Fact]
    public async Task TheEndpointIpWithoutThePrivateLinkCnameFailsButStillTestsTheEndpoint()
    {
        _dns.A(RedisServer.HostName, "127.0.0.2");

        var report = await Probes.RunAsync(Probes.Options(_dns, _closedPort));

        var dns = report.Single(ConnectivityCheckNames.DnsResolution);
        Assert.False(dns.Passed);
        Assert.Contains($"not through {RedisServer.PrivateLinkName}", dns.Evidence);
        Assert.Contains("hosts file", dns.Hint);
        var tcp = report.Single(ConnectivityCheckNames.TcpConnect);
        Assert.False(tcp.Passed);
        Assert.Equal($"127.0.0.2:{_closedPort}", tcp.Target);
    }

    [Fact]
    public async Task WithoutArmAnyPrivateAnswerThroughTheZonePasses()
    {
        _dns.LinkedZone(address: "127.0.0.3");
        var options = Probes.Options(_dns, _closedPort);
        options.ExpectedAddresses = [];

        var report = await Probes.RunAsync(options);

        Assert.True(report.Single(ConnectivityCheckNames.DnsResolution).Passed);
        Assert.Equal($"127.0.0.3:{_closedPort}", report.Single(ConnectivityCheckNames.TcpConnect).Target);
        Assert.Empty(report.PrivateIpAddresses);
    }

    [Fact]
    public async Task WithoutArmAPublicAnswerFailsAndIsNeverConnectedTo()
    {
        _dns.A(RedisServer.HostName, "203.0.113.10");
        var options = Probes.Options(_dns, _closedPort);
        options.ExpectedAddresses = [];

        var report = await Probes.RunAsync(options);

        Assert.Contains("a public address", report.Single(ConnectivityCheckNames.DnsResolution).Evidence);
        AssertNetworkChecksSkipped(report);
    }

    [Fact]
    public async Task ASilentDnsServerIsReportedAsNoAnswer()
    {
        using var silent = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var options = Probes.Options(_dns, _closedPort);
        options.DnsServer = (IPEndPoint)silent.Client.LocalEndPoint!;
        options.Timeout = TimeSpan.FromMilliseconds(300);

        var report = await Probes.RunAsync(options);

        var dns = report.Single(ConnectivityCheckNames.DnsResolution);
        Assert.False(dns.Passed);
        Assert.StartsWith($"No answer for {RedisServer.HostName}", dns.Evidence);
        Assert.Contains("port 53", dns.Hint);
    }

    [Fact]
    public async Task TheSystemResolverIsAskedWhenNoDnsServerIsGiven()
    {
        // localhost comes from the hosts file: the system path without a query leaving the machine.
        var options = Probes.Options(_dns, _closedPort, hostName: "localhost");
        options.DnsServer = null;
        options.ExpectedAddresses = [];

        var report = await Probes.RunAsync(options);

        var dns = report.Single(ConnectivityCheckNames.DnsResolution);
        Assert.Contains("the system resolver", dns.Evidence);
        Assert.Contains("127.0.0.1", report.ResolvedAddresses);
        Assert.Equal(0, _dns.QueryCount);
    }

    [Fact]
    public async Task TheResolverSeamReplacesTheLookup()
    {
        var asked = new List<(string Host, IPEndPoint? Server)>();
        var options = Probes.Options(_dns, _closedPort);
        options.Resolver = (host, server, _) =>
        {
            asked.Add((host, server));
            return Task.FromResult(new NameResolution([RedisServer.EndpointAddress], [RedisServer.PrivateLinkName], "the test"));
        };

        var report = await Probes.RunAsync(options);

        Assert.Equal([(RedisServer.HostName, (IPEndPoint?)_dns.EndPoint)], asked);
        Assert.True(report.Single(ConnectivityCheckNames.DnsResolution).Passed);
        Assert.Equal(0, _dns.QueryCount);
    }

    public void Dispose() => _dns.Dispose();

    private static void AssertNetworkChecksSkipped(ConnectivityReport report)
    {
        foreach (var name in new[] { ConnectivityCheckNames.TcpConnect, ConnectivityCheckNames.TlsHandshake, ConnectivityCheckNames.Authentication, ConnectivityCheckNames.Ping })
        {
            var check = report.Single(name);
            Assert.Null(check.Passed);
            Assert.StartsWith("Skipped:", check.Evidence);
        }
    }
}

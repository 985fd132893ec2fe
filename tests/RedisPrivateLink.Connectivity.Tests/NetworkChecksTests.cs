using System.Net;
using RedisPrivateLink.Connectivity.Tests.Infrastructure;
using RedisPrivateLink.Engine.Connectivity;

namespace RedisPrivateLink.Connectivity.Tests;

/// <summary>TCP, TLS, AUTH and PING against a real redis-server with TLS on 127.0.0.2, found through the test's DNS.</summary>
public sealed class NetworkChecksTests : IClassFixture<RedisServer>, IDisposable
{
    private readonly RedisServer _redis;
    private readonly LoopbackDnsResponder _dns = new();

    public NetworkChecksTests(RedisServer redis)
    {
        _redis = redis;
        _dns.LinkedZone();
    }

    [Fact]
    public async Task EveryCheckPassesWithTheRightKey()
    {
        var options = Probes.TrustingOptions(_dns, _redis);
        options.AccessKey = _redis.AccessKey;

        var report = await Probes.RunAsync(options);

        Assert.All(report.Checks, c => Assert.True(c.Passed, c.ToString()));
        Assert.True(report.AllPassed);
        Assert.Empty(report.FailedChecks);
        Assert.Equal(
            [ConnectivityCheckNames.DnsResolution, ConnectivityCheckNames.TcpConnect, ConnectivityCheckNames.TlsHandshake, ConnectivityCheckNames.Authentication, ConnectivityCheckNames.Ping],
            report.Checks.Select(c => c.Name));
        Assert.StartsWith("PONG in ", report.Single(ConnectivityCheckNames.Ping).Evidence);
        Assert.Contains("AUTH accepted by Redis 7", report.Single(ConnectivityCheckNames.Authentication).Evidence);
    }

    [Fact]
    public async Task TlsValidatesTheCertificateForThePublicHostName()
    {
        var report = await Probes.RunAsync(Probes.TrustingOptions(_dns, _redis));

        var tls = report.Single(ConnectivityCheckNames.TlsHandshake);
        Assert.True(tls.Passed);
        Assert.Matches(@"^TLS 1\.[23] with certificate for cache1\.redis\.cache\.windows\.net issued by RedisPrivateLink Test CA", tls.Evidence);
        Assert.Equal($"{RedisServer.HostName} at {_redis.EndPoint}", tls.Target);
    }

    [Fact]
    public async Task WithoutAKeyAuthenticationAndPingAreSkippedAndTheRestPasses()
    {
        var report = await Probes.RunAsync(Probes.TrustingOptions(_dns, _redis));

        Assert.Null(report.Single(ConnectivityCheckNames.Authentication).Passed);
        Assert.Contains("no credential given", report.Single(ConnectivityCheckNames.Ping).Evidence);
        Assert.True(report.AllPassed);
    }

    [Fact]
    public async Task ACertificateForAnotherNameFailsWithThePrivateLinkAndIpHint()
    {
        // cache2's name leads to cache1's server, as connecting by a name the certificate lacks does.
        _dns.LinkedZone(hostName: "cache2.redis.cache.windows.net");
        var options = Probes.TrustingOptions(_dns, _redis);
        options.HostName = "cache2.redis.cache.windows.net";
        options.AccessKey = _redis.AccessKey;

        var report = await Probes.RunAsync(options);

        var tls = report.Single(ConnectivityCheckNames.TlsHandshake);
        Assert.False(tls.Passed);
        Assert.Contains("RemoteCertificateNameMismatch", tls.Evidence);
        Assert.Contains("certificate for cache1.redis.cache.windows.net issued", tls.Evidence);
        Assert.Contains("cache2.privatelink.redis.cache.windows.net nor the IP", tls.Hint);
        Assert.Contains("connect by cache2.redis.cache.windows.net", tls.Hint);
        Assert.Null(report.Single(ConnectivityCheckNames.Authentication).Passed);
    }

    [Fact]
    public async Task AnUntrustedChainFailsBecauseValidationIsNeverOff()
    {
        var options = Probes.Options(_dns, _redis.Port);

        var report = await Probes.RunAsync(options);

        var tls = report.Single(ConnectivityCheckNames.TlsHandshake);
        Assert.False(tls.Passed);
        Assert.Contains("RemoteCertificateChainErrors", tls.Evidence);
        Assert.Contains("not trusted", tls.Hint);
    }

    [Fact]
    public async Task AWrongKeyFailsAuthenticationAndSkipsPing()
    {
        const string wrongKey = "not-the-key-0123456789";
        var options = Probes.TrustingOptions(_dns, _redis);
        options.AccessKey = RedisServer.ToSecureString(wrongKey);

        var report = await Probes.RunAsync(options);

        var authentication = report.Single(ConnectivityCheckNames.Authentication);
        Assert.False(authentication.Passed);
        Assert.Equal("The cache refused the access key (AUTH failed)", authentication.Evidence);
        Assert.Contains("primary or secondary key", authentication.Hint);
        Assert.Null(report.Single(ConnectivityCheckNames.Ping).Passed);
        Assert.Equal([ConnectivityCheckNames.Authentication], report.FailedChecks);
        Assert.DoesNotContain(report.Checks, c => (c.Evidence + c.Hint).Contains(wrongKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoCheckRepeatsTheKey()
    {
        var options = Probes.TrustingOptions(_dns, _redis);
        options.AccessKey = _redis.AccessKey;
        var key = new NetworkCredential(string.Empty, _redis.AccessKey).Password;

        var report = await Probes.RunAsync(options);

        Assert.DoesNotContain(report.Checks, c => $"{c.Target}{c.Evidence}{c.Hint}".Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AClosedPortIsRefusedAndTheLaterChecksAreSkipped()
    {
        var closedPort = LoopbackPorts.Free(RedisServer.EndpointAddress);
        var options = Probes.Options(_dns, closedPort);

        var report = await Probes.RunAsync(options);

        var tcp = report.Single(ConnectivityCheckNames.TcpConnect);
        Assert.False(tcp.Passed);
        Assert.Equal($"127.0.0.2:{closedPort} refused the connection", tcp.Evidence);
        Assert.Contains("6380 for TLS", tcp.Hint);
        Assert.Equal("Skipped: no TCP connection.", report.Single(ConnectivityCheckNames.TlsHandshake).Evidence);
    }

    [Fact]
    public async Task EachShardPortIsTestedForTcp()
    {
        var closedShardPort = LoopbackPorts.Free(RedisServer.EndpointAddress);
        var options = Probes.TrustingOptions(_dns, _redis);
        options.ShardPorts = [_redis.Port, closedShardPort];

        var report = await Probes.RunAsync(options);

        var tcp = report.Checks.Where(c => c.Name == ConnectivityCheckNames.TcpConnect).ToList();
        Assert.Equal([$"127.0.0.2:{_redis.Port}", $"127.0.0.2:{_redis.Port}", $"127.0.0.2:{closedShardPort}"], tcp.Select(c => c.Target));
        Assert.Equal([true, true, false], tcp.Select(c => c.Passed));
        Assert.True(report.Single(ConnectivityCheckNames.TlsHandshake).Passed);
    }

    public void Dispose() => _dns.Dispose();
}

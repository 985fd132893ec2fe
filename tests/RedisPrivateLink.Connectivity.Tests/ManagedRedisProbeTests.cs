using RedisPrivateLink.Connectivity.Tests.Infrastructure;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Connectivity;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Connectivity.Tests;

/// <summary>
/// An Azure Managed Redis cache: host &lt;name&gt;.&lt;region&gt;.redis.azure.net, port 10000, zone
/// privatelink.redis.azure.net whose A record is &lt;name&gt;.&lt;region&gt;. The full probe runs against a real
/// redis-server whose certificate names such a host.
/// </summary>
public sealed class ManagedRedisProbeTests : IClassFixture<ManagedRedisProbeTests.ManagedRedisServer>, IDisposable
{
    private const string Host = "cache1.eastus.redis.azure.net";
    private const string PrivateName = "cache1.eastus.privatelink.redis.azure.net";
    private const string CacheId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/cache1";

    private readonly RedisServer _redis;
    private readonly LoopbackDnsResponder _dns = new();

    public ManagedRedisProbeTests(ManagedRedisServer server) => _redis = server.Server;

    [Fact]
    public void TheOptionsForAManagedRedisCacheUseItsPortZoneAndRecord()
    {
        var options = ConnectivityProbeOptions.ForCache(Cache(Host), AzureCloudEnvironment.AzureCloud);

        Assert.Equal(Host, options.HostName);
        Assert.Equal(10000, options.Port);
        Assert.Empty(options.ShardPorts);
        Assert.Equal("privatelink.redis.azure.net", options.PrivateDnsZone);
        Assert.Equal("cache1.eastus", options.PrivateDnsRecordName);
        Assert.Equal(PrivateName, options.PrivateLinkName);
    }

    [Fact]
    public void ALegacyEnterpriseCacheUsesTheEnterpriseZone()
    {
        var options = ConnectivityProbeOptions.ForCache(Cache("cache1.eastus.redisenterprise.cache.azure.net"), AzureCloudEnvironment.AzureCloud);

        Assert.Equal("privatelink.redisenterprise.cache.azure.net", options.PrivateDnsZone);
        Assert.Equal("cache1.eastus.privatelink.redisenterprise.cache.azure.net", options.PrivateLinkName);
    }

    [Fact]
    public void AManagedRedisCacheWithoutAHostNameGetsNameRegionAndTheManagedRedisSuffix()
    {
        Assert.Equal(Host, ConnectivityProbeOptions.ForCache(Cache(string.Empty), AzureCloudEnvironment.AzureCloud).HostName);
    }

    [Theory]
    [InlineData(Host, 10000, "privatelink.redis.azure.net", PrivateName)]
    [InlineData("cache1.westeurope.redisenterprise.cache.azure.net.", 10000, "privatelink.redisenterprise.cache.azure.net", "cache1.westeurope.privatelink.redisenterprise.cache.azure.net")]
    [InlineData("cache1.redis.cache.usgovcloudapi.net", 6380, "privatelink.redis.cache.usgovcloudapi.net", "cache1.privatelink.redis.cache.usgovcloudapi.net")]
    [InlineData("cache1.contoso.com", 6380, "privatelink.redis.cache.windows.net", "cache1.privatelink.redis.cache.windows.net")]
    public void AHostNameAloneSaysItsKindsPortAndZone(string hostName, int port, string zone, string privateName)
    {
        var options = ConnectivityProbeOptions.ForHostName(hostName);

        Assert.Equal(hostName.TrimEnd('.'), options.HostName);
        Assert.Equal(port, options.Port);
        Assert.Equal(zone, options.PrivateDnsZone);
        Assert.Equal(privateName, options.PrivateLinkName);
    }

    [Fact]
    public async Task EveryCheckPassesThroughTheNameRegionRecordWithTheRightKey()
    {
        _dns.CName(Host, PrivateName).A(PrivateName, "127.0.0.2");
        var options = TrustingOptions();
        options.Port = _redis.Port;
        options.AccessKey = _redis.AccessKey;

        var report = await Probes.RunAsync(options);

        Assert.All(report.Checks, c => Assert.True(c.Passed, c.ToString()));
        Assert.Contains($"CNAME {PrivateName} -> 127.0.0.2", report.Single(ConnectivityCheckNames.DnsResolution).Evidence);
        Assert.Matches($@"^TLS 1\.[23] with certificate for {Host.Replace(".", @"\.", StringComparison.Ordinal)} ", report.Single(ConnectivityCheckNames.TlsHandshake).Evidence);
        Assert.StartsWith("PONG in ", report.Single(ConnectivityCheckNames.Ping).Evidence);
    }

    [Fact]
    public async Task ACNameToTheCacheNameAloneIsNotThePrivateLinkRecord()
    {
        const string classicStyleName = "cache1.privatelink.redis.azure.net";
        _dns.CName(Host, classicStyleName).A(classicStyleName, "127.0.0.2");
        var options = TrustingOptions();
        options.Port = _redis.Port;

        var report = await Probes.RunAsync(options);

        var dns = report.Single(ConnectivityCheckNames.DnsResolution);
        Assert.False(dns.Passed);
        Assert.Contains($"not through {PrivateName}", dns.Evidence);
    }

    [Fact]
    public async Task NoRecordNamesTheZoneAndTheNameRegionRecord()
    {
        var report = await Probes.RunAsync(TrustingOptions());

        var dns = report.Single(ConnectivityCheckNames.DnsResolution);
        Assert.False(dns.Passed);
        Assert.Contains($"the private DNS zone privatelink.redis.azure.net has no record {PrivateName}", dns.Hint);
        Assert.Equal($"{Host}:10000", report.Single(ConnectivityCheckNames.TcpConnect).Target);
    }

    [Fact]
    public async Task APublicAnswerSaysToForwardTheManagedRedisZone()
    {
        _dns.A(Host, "20.42.0.1");

        var report = await Probes.RunAsync(TrustingOptions());

        var dns = report.Single(ConnectivityCheckNames.DnsResolution);
        Assert.False(dns.Passed);
        Assert.Contains("isn't linked to the private DNS zone privatelink.redis.azure.net", dns.Hint);
        Assert.Contains("conditional forwarder for the zone (redis.azure.net)", dns.Hint);
        Assert.Null(report.Single(ConnectivityCheckNames.TcpConnect).Passed);
    }

    public void Dispose() => _dns.Dispose();

    /// <summary>The options for the host alone (port 10000), aimed at the test's DNS and trusting the server's CA.</summary>
    private ConnectivityProbeOptions TrustingOptions()
    {
        var options = ConnectivityProbeOptions.ForHostName(Host);
        options.DnsServer = _dns.EndPoint;
        options.ExpectedAddresses = [RedisServer.EndpointAddress];
        options.Timeout = TimeSpan.FromSeconds(5);
        options.AdditionalChainTrust = _redis.Certificates.TrustsChainOf;
        return options;
    }

    private static RedisPrivateCache Cache(string hostName) => new()
    {
        Id = CacheId,
        Name = "cache1",
        Location = "eastus",
        Kind = CacheKind.ManagedRedis.Name,
        HostName = hostName,
        Port = 10000,
        SslPort = 10000,
        PublicNetworkAccess = "Disabled",
    };

    /// <summary>A redis-server whose certificate names the Managed Redis host.</summary>
    public sealed class ManagedRedisServer : IDisposable
    {
        public RedisServer Server { get; } = new(Host);

        public void Dispose() => Server.Dispose();
    }
}

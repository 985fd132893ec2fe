using RedisPrivateLink.Connectivity.Tests.Infrastructure;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Connectivity;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Connectivity.Tests;

/// <summary>
/// The checks that read what ARM reports about the cache, from caches as CacheReader projects them. The DNS zone link
/// check reads ARM itself and is proven against the emulator by the Pester suite.
/// </summary>
public sealed class ArmSideChecksTests : IDisposable
{
    private const string CacheId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Cache/redis/cache1";

    private readonly LoopbackDnsResponder _dns = new();

    [Fact]
    public void TheOptionsForACacheComeFromWhatArmReports()
    {
        var cache = Cache("Disabled", Endpoint("pe1", "Approved", "127.0.0.2"), Endpoint("pe2", "Pending", "127.0.0.3"));

        var options = ConnectivityProbeOptions.ForCache(cache, AzureCloudEnvironment.AzureUSGovernment, [6380, 15000, 15001]);

        Assert.Equal(RedisServer.HostName, options.HostName);
        Assert.Equal(6380, options.Port);
        Assert.Equal([15000, 15001], options.ShardPorts);
        Assert.Equal([IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3")], options.ExpectedAddresses);
        Assert.Equal("privatelink.redis.cache.usgovcloudapi.net", options.PrivateDnsZone);
        Assert.Same(cache, options.Cache);
    }

    [Fact]
    public void TheNodePortsOfAClusteredCacheAreArmsInstanceSslPorts()
    {
        var cache = ArmJson.Deserialize<RedisCache>("""
            {"properties":{"shardCount":2,"instances":[
              {"sslPort":15000,"nonSslPort":13000,"shardId":0,"isMaster":true},{"sslPort":15001,"nonSslPort":13001,"shardId":0},
              {"sslPort":15002,"nonSslPort":13002,"shardId":1,"isMaster":true},{"sslPort":15003,"nonSslPort":13003,"shardId":1},
              {"nonSslPort":13004},"not a node"]}}
            """);

        Assert.Equal([15000, 15001, 15002, 15003], CacheInstancePorts.SslPortsOf(cache));
        Assert.Empty(CacheInstancePorts.SslPortsOf(ArmJson.Deserialize<RedisCache>("""{"properties":{}}""")));
        Assert.Empty(CacheInstancePorts.SslPortsOf(null));
    }

    [Fact]
    public void ACacheWithoutAHostNameGetsTheCloudsSuffix()
    {
        var cache = Cache("Disabled");
        cache.HostName = string.Empty;

        Assert.Equal("cache1.redis.cache.chinacloudapi.cn", ConnectivityProbeOptions.ForCache(cache, AzureCloudEnvironment.AzureChinaCloud).HostName);
    }

    [Fact]
    public async Task DisabledPublicAccessAndAnApprovedEndpointPass()
    {
        var report = await RunAsync(Cache("Disabled", Endpoint("pe1", "Approved", "127.0.0.2")));

        Assert.True(report.Single(ConnectivityCheckNames.PublicNetworkAccess).Passed);
        var endpoint = report.Single(ConnectivityCheckNames.EndpointConnection);
        Assert.True(endpoint.Passed);
        Assert.Equal($"{CacheId}-pe/pe1", endpoint.Target);
        Assert.StartsWith("pe1 (127.0.0.2) in ", endpoint.Evidence);
        Assert.Equal(["127.0.0.2"], report.PrivateIpAddresses);
    }

    [Fact]
    public async Task EnabledPublicAccessFailsWithTheSetCommandAsHint()
    {
        var report = await RunAsync(Cache("Enabled", Endpoint("pe1", "Approved", "127.0.0.2")));

        var check = report.Single(ConnectivityCheckNames.PublicNetworkAccess);
        Assert.False(check.Passed);
        Assert.StartsWith("Enabled: ", check.Evidence);
        Assert.Contains("Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled", check.Hint);
    }

    [Theory]
    [InlineData("Pending", "waits for approval")]
    [InlineData("Rejected", "rejected the connection")]
    [InlineData("Disconnected", "Remove the endpoint")]
    public async Task AnEndpointNotApprovedExplainsATimeout(string state, string hint)
    {
        var report = await RunAsync(Cache("Disabled", Endpoint("pe1", state, "127.0.0.2")));

        var check = report.Single(ConnectivityCheckNames.EndpointConnection);
        Assert.False(check.Passed);
        Assert.EndsWith($": {state}", check.Evidence);
        Assert.Contains(hint, check.Hint);
        Assert.Contains("time out", check.Hint);
    }

    [Fact]
    public async Task EachEndpointIsItsOwnCheck()
    {
        var report = await RunAsync(Cache("Disabled", Endpoint("pe1", "Approved", "127.0.0.2"), Endpoint("pe2", "Pending", "127.0.0.3")));

        var checks = report.Checks.Where(c => c.Name == ConnectivityCheckNames.EndpointConnection).ToList();
        Assert.Equal([true, false], checks.Select(c => c.Passed));
        Assert.Contains(ConnectivityCheckNames.EndpointConnection, report.FailedChecks);
    }

    [Fact]
    public async Task ACacheWithoutEndpointsFailsWithTheAddCommandAsHint()
    {
        var report = await RunAsync(Cache("Enabled"));

        var check = report.Single(ConnectivityCheckNames.EndpointConnection);
        Assert.False(check.Passed);
        Assert.Contains("Add-RedisPrivateEndpoint", check.Hint);
        Assert.Empty(report.PrivateIpAddresses);
    }

    [Fact]
    public async Task TheZoneLinkIsCheckedOnlyWhenAVirtualNetworkIsGiven()
    {
        var report = await RunAsync(Cache("Disabled", Endpoint("pe1", "Approved", "127.0.0.2")));

        Assert.DoesNotContain(report.Checks, c => c.Name == ConnectivityCheckNames.DnsZoneLink);
    }

    public void Dispose() => _dns.Dispose();

    private async Task<ConnectivityReport> RunAsync(RedisPrivateCache cache)
    {
        // NXDOMAIN keeps the network checks skipped: these tests are about ARM's side alone.
        var options = ConnectivityProbeOptions.ForCache(cache, AzureCloudEnvironment.AzureCloud);
        options.DnsServer = _dns.EndPoint;
        options.Timeout = TimeSpan.FromSeconds(5);
        var report = await Probes.RunAsync(options);
        Assert.Null(report.Single(ConnectivityCheckNames.TcpConnect).Passed);
        return report;
    }

    private static RedisPrivateCache Cache(string publicNetworkAccess, params RedisPrivateEndpoint[] endpoints) => new()
    {
        Id = CacheId,
        Name = "cache1",
        HostName = RedisServer.HostName,
        SslPort = 6380,
        PublicNetworkAccess = publicNetworkAccess,
        PrivateEndpoints = endpoints,
        PrivateEndpointCount = endpoints.Length,
        PrivateIpAddresses = endpoints.Where(e => e.ConnectionState == "Approved").Select(e => e.PrivateIpAddress!).ToArray(),
    };

    private static RedisPrivateEndpoint Endpoint(string name, string state, string ip) => new()
    {
        Id = $"{CacheId}-pe/{name}",
        Name = name,
        PrivateIpAddress = ip,
        ConnectionState = state,
        VirtualNetworkId = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet1",
    };
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>What <see cref="ConnectivityProbe"/> tests, and how.</summary>
public sealed class ConnectivityProbeOptions
{
    /// <summary>The port of the TLS endpoint of every Azure Cache for Redis.</summary>
    public const int DefaultSslPort = 6380;

    /// <summary>The cache's public host name, e.g. cache1.redis.cache.windows.net: the name clients use and the certificate names.</summary>
    public string HostName { get; set; } = string.Empty;

    public int Port { get; set; } = DefaultSslPort;

    /// <summary>The TLS ports of a clustered cache's nodes (its shards' primaries and replicas), each tested for TCP.</summary>
    public IReadOnlyList<int> ShardPorts { get; set; } = Array.Empty<int>();

    /// <summary>A DNS server to ask instead of the system resolver, e.g. a custom DNS server's IP and port 53.</summary>
    public IPEndPoint? DnsServer { get; set; }

    /// <summary>The private endpoint IPs ARM reports; empty when unknown (then any private address is accepted).</summary>
    public IReadOnlyList<IPAddress> ExpectedAddresses { get; set; } = Array.Empty<IPAddress>();

    /// <summary>The cloud's privatelink zone, e.g. privatelink.redis.cache.windows.net, which the host name must CNAME into.</summary>
    public string PrivateDnsZone { get; set; } = AzureCloudEnvironment.AzureCloud.RedisPrivateDnsZone;

    /// <summary>
    /// The A record in <see cref="PrivateDnsZone"/> the host name must CNAME into: cache1 for a classic cache,
    /// cache1.eastus for Managed Redis. Null takes the host name's first label.
    /// </summary>
    public string? PrivateDnsRecordName { get; set; }

    /// <summary>The name the host must CNAME into, e.g. cache1.privatelink.redis.cache.windows.net or cache1.eastus.privatelink.redis.azure.net.</summary>
    public string PrivateLinkName => (PrivateDnsRecordName ?? HostName.Split('.')[0]) + "." + PrivateDnsZone;

    /// <summary>An access key for AUTH and PING; read once when connecting and never written anywhere. Null skips both checks.</summary>
    public SecureString? AccessKey { get; set; }

    /// <summary>
    /// A Microsoft Entra token for AUTH as its principal, instead of <see cref="AccessKey"/>; read once when connecting
    /// and never written anywhere.
    /// </summary>
    public RedisEntraToken? EntraToken { get; set; }

    /// <summary>How long each network step may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The cache as ARM reports it; enables the ARM-side checks.</summary>
    public RedisPrivateCache? Cache { get; set; }

    /// <summary>The gateway for the DNS zone link check; needs <see cref="Cache"/> and <see cref="VirtualNetworkId"/>.</summary>
    public IArmGateway? Arm { get; set; }

    /// <summary>The virtual network this test runs from, whose link to the private DNS zone is checked.</summary>
    public ResourceId? VirtualNetworkId { get; set; }

    /// <summary>Replaces the name lookup (tests); by default <see cref="NameResolvers.ResolveAsync"/>.</summary>
    public Func<string, IPEndPoint?, CancellationToken, Task<NameResolution>>? Resolver { get; set; }

    /// <summary>
    /// Trusts certificate chains the machine doesn't (a test CA). Asked only when the chain is the sole error: a
    /// certificate for another name always fails. Null keeps the machine's trust alone.
    /// </summary>
    public Func<X509Certificate2, X509Chain?, bool>? AdditionalChainTrust { get; set; }

    /// <summary>
    /// The options for a cache of either kind read through ARM: its host name, endpoint IPs, its port (a Managed Redis
    /// cache's from its database), the private DNS zone and record its endpoints register in (a Managed Redis cache's
    /// from its privateLinkResources); for a clustered cache also its nodes' TLS ports. Null when the cache doesn't exist.
    /// </summary>
    public static async Task<ConnectivityProbeOptions?> ReadForCacheAsync(IArmGateway arm, string subscriptionId, ResourceId cacheId, AzureCloudEnvironment cloud, CancellationToken cancellationToken)
    {
        if (arm is null)
        {
            throw new ArgumentNullException(nameof(arm));
        }

        if (cloud is null)
        {
            throw new ArgumentNullException(nameof(cloud));
        }

        var kind = CacheKind.Of(cacheId);
        var state = await kind.ReadAsync(arm, cacheId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return null;
        }

        var cache = await new CacheReader(arm, subscriptionId).InDetailAsync(state, cancellationToken).ConfigureAwait(false);
        var ports = await kind.ReadClientPortsAsync(arm, state, cancellationToken).ConfigureAwait(false);
        var target = await kind.ResolvePrivateLinkAsync(arm, state, cloud, cancellationToken).ConfigureAwait(false);
        var options = For(cache, kind, cloud, ports, target);
        options.Arm = arm;
        return options;
    }

    /// <summary>
    /// The options for a cache ARM reported, by its kind's conventions: its host name, port, endpoint IPs, and the
    /// private DNS zone and record its endpoints register in.
    /// </summary>
    /// <param name="nodeSslPorts">The TLS ports of a clustered cache's nodes (ARM's instances[].sslPort); none for other caches.</param>
    public static ConnectivityProbeOptions ForCache(RedisPrivateCache cache, AzureCloudEnvironment cloud, IReadOnlyList<int>? nodeSslPorts = null)
    {
        if (cache is null)
        {
            throw new ArgumentNullException(nameof(cache));
        }

        if (cloud is null)
        {
            throw new ArgumentNullException(nameof(cloud));
        }

        var kind = CacheKind.Parse(cache.Kind, nameof(cache.Kind));
        var ports = new CacheClientPorts(cache.Port > 0 ? cache.Port : kind.TlsPort, nodeSslPorts ?? Array.Empty<int>());
        return For(cache, kind, cloud, ports, kind.PrivateLinkTargetFor(cache.Name, NullIfEmpty(cache.HostName), cache.Location, cloud));
    }

    /// <summary>The options for a cache, its ports and the zone and record its endpoints register in, however they were learned.</summary>
    private static ConnectivityProbeOptions For(RedisPrivateCache cache, CacheKind kind, AzureCloudEnvironment cloud, CacheClientPorts ports, PrivateLinkTarget target) =>
        new()
        {
            HostName = string.IsNullOrEmpty(cache.HostName) ? kind.HostName(cache.Name, cache.Location, cloud) : cache.HostName,
            Port = ports.TlsPort,
            ShardPorts = ports.NodeTlsPorts.Where(p => p != ports.TlsPort).ToArray(),
            ExpectedAddresses = cache.PrivateEndpoints
                .Select(e => e.PrivateIpAddress)
                .Concat(cache.PrivateIpAddresses)
                .Select(ip => IPAddress.TryParse(ip, out var parsed) ? parsed : null)
                .OfType<IPAddress>()
                .Distinct()
                .ToArray(),
            PrivateDnsZone = target.ZoneName,
            PrivateDnsRecordName = target.RecordName,
            Cache = cache,
        };

    /// <summary>
    /// The options for a host name alone, without ARM: a Managed Redis host (&lt;name&gt;.&lt;region&gt;.redis.azure.net,
    /// or a legacy Enterprise one) on port 10000 with its zone and &lt;name&gt;.&lt;region&gt; record; any other host as
    /// a classic cache on 6380 in the privatelink zone of the cloud whose host suffix it ends with (AzureCloud's otherwise).
    /// </summary>
    public static ConnectivityProbeOptions ForHostName(string hostName)
    {
        if (string.IsNullOrWhiteSpace(hostName))
        {
            throw new ArgumentException("A host name is required.", nameof(hostName));
        }

        var host = hostName.Trim().TrimEnd('.');
        var cloud = AzureCloudEnvironment.All.FirstOrDefault(c => host.EndsWith(c.RedisHostSuffix, StringComparison.OrdinalIgnoreCase)) ?? AzureCloudEnvironment.AzureCloud;
        var kind = ManagedRedisCacheKind.RecordOfHost(host) is null ? CacheKind.Classic : CacheKind.ManagedRedis;
        var firstLabel = host.Split('.')[0];
        var target = kind.PrivateLinkTargetFor(firstLabel, host, null, cloud);
        return new ConnectivityProbeOptions
        {
            HostName = host,
            Port = kind.TlsPort,
            PrivateDnsZone = target.ZoneName,
            PrivateDnsRecordName = target.RecordName,
        };
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrEmpty(value) ? null : value;
}

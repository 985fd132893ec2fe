using System;
using System.Collections.Generic;
using System.Linq;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// What the network side says about a private endpoint, kept small: lists hold one of these per endpoint of the
/// subscription, never the full ARM body.
/// </summary>
internal sealed class EndpointSnapshot
{
    private EndpointSnapshot(
        ResourceId id,
        string? location,
        string? subnetId,
        string? provisioningState,
        string? networkInterfaceId,
        string? privateIpAddress,
        IReadOnlyList<EndpointCacheConnection> cacheConnections,
        IReadOnlyList<RedisPrivateDnsRecord> dnsConfigRecords)
    {
        Id = id;
        Location = location;
        SubnetId = subnetId;
        ProvisioningState = provisioningState;
        NetworkInterfaceId = networkInterfaceId;
        PrivateIpAddress = privateIpAddress;
        CacheConnections = cacheConnections;
        DnsConfigRecords = dnsConfigRecords;
    }

    public ResourceId Id { get; }

    public string? Location { get; }

    public string? SubnetId { get; }

    public string? ProvisioningState { get; }

    public string? NetworkInterfaceId { get; }

    /// <summary>From customDnsConfigs, which fill in only once the connection is approved; see <see cref="WithPrivateIpAddress"/>.</summary>
    public string? PrivateIpAddress { get; }

    /// <summary>The endpoint's connections to Redis caches of either kind; connections to other kinds of resources are left out.</summary>
    public IReadOnlyList<EndpointCacheConnection> CacheConnections { get; }

    /// <summary>The records its customDnsConfigs call for (ZoneId null).</summary>
    public IReadOnlyList<RedisPrivateDnsRecord> DnsConfigRecords { get; }

    /// <summary>The snapshot of <paramref name="endpoint"/>; null when ARM gave it no usable id.</summary>
    public static EndpointSnapshot? From(PrivateEndpoint endpoint)
    {
        if (!ResourceId.TryParse(endpoint.Id, out var id))
        {
            return null;
        }

        var properties = endpoint.Properties ?? new PrivateEndpointProperties();
        var connections = CacheConnectionsOf(properties.PrivateLinkServiceConnections, isManual: false)
            .Concat(CacheConnectionsOf(properties.ManualPrivateLinkServiceConnections, isManual: true))
            .ToArray();
        var dnsConfigs = properties.CustomDnsConfigs ?? Array.Empty<CustomDnsConfig>();
        return new EndpointSnapshot(
            id!,
            string.IsNullOrEmpty(endpoint.Location) ? null : AzureLocations.Normalize(endpoint.Location),
            properties.Subnet?.Id,
            properties.ProvisioningState,
            properties.NetworkInterfaces?.FirstOrDefault()?.Id,
            dnsConfigs.SelectMany(c => c.IpAddresses ?? Array.Empty<string>()).FirstOrDefault(),
            connections,
            dnsConfigs.Where(c => !string.IsNullOrEmpty(c.Fqdn)).Select(PrivateDnsRecords.FromCustomDnsConfig).ToArray());
    }

    /// <summary>The same snapshot with the IP read from the endpoint's network interface (set even while Pending).</summary>
    public EndpointSnapshot WithPrivateIpAddress(string? privateIpAddress) =>
        new(Id, Location, SubnetId, ProvisioningState, NetworkInterfaceId, privateIpAddress, CacheConnections, DnsConfigRecords);

    /// <summary>The endpoint's connection to <paramref name="cacheId"/>, if it has one.</summary>
    public EndpointCacheConnection? ConnectionTo(ResourceId cacheId) => CacheConnections.FirstOrDefault(c => c.CacheId == cacheId);

    private static IEnumerable<EndpointCacheConnection> CacheConnectionsOf(IList<PrivateLinkServiceConnection>? connections, bool isManual)
    {
        foreach (var connection in connections ?? Array.Empty<PrivateLinkServiceConnection>())
        {
            if (ResourceId.TryParse(connection.Properties?.PrivateLinkServiceId, out var targetId) && CacheKind.ForType(targetId!.ResourceType) is not null)
            {
                var state = connection.Properties!.PrivateLinkServiceConnectionState;
                yield return new EndpointCacheConnection(targetId, connection.Name ?? string.Empty, state?.Status, state?.Description, isManual);
            }
        }
    }
}

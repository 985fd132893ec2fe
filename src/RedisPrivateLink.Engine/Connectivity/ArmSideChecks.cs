using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>What ARM says about the cache that explains a failed connection: public access, endpoint approval, the zone link.</summary>
internal static class ArmSideChecks
{
    public static async Task<IReadOnlyList<ConnectivityCheck>> RunAsync(ConnectivityProbeOptions options, RedisPrivateCache cache, CancellationToken cancellationToken)
    {
        var checks = new List<ConnectivityCheck> { PublicNetworkAccess(cache) };
        checks.AddRange(EndpointConnections(cache));
        if (options.VirtualNetworkId is not null && options.Arm is not null)
        {
            checks.Add(await DnsZoneLinkAsync(options.Arm, cache, options.PrivateDnsZone, options.VirtualNetworkId, cancellationToken).ConfigureAwait(false));
        }

        return checks;
    }

    private static ConnectivityCheck PublicNetworkAccess(RedisPrivateCache cache)
    {
        if (string.Equals(cache.PublicNetworkAccess, "Disabled", StringComparison.OrdinalIgnoreCase))
        {
            return new ConnectivityCheck(ConnectivityCheckNames.PublicNetworkAccess, cache.Id, true,
                "Disabled: the cache answers only on its private endpoints, so a client that resolves the public IP is refused rather than connected over the internet", null, TimeSpan.Zero);
        }

        return new ConnectivityCheck(ConnectivityCheckNames.PublicNetworkAccess, cache.Id, false,
            $"{(string.IsNullOrEmpty(cache.PublicNetworkAccess) ? "Not reported" : cache.PublicNetworkAccess)}: the cache also answers on its public IP",
            "A client whose DNS answers the public IP still connects, over the internet, so a working connection proves nothing about the private path. " +
            "Once every client resolves the private IP, run Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled.", TimeSpan.Zero);
    }

    private static IEnumerable<ConnectivityCheck> EndpointConnections(RedisPrivateCache cache)
    {
        if (cache.PrivateEndpoints.Count == 0)
        {
            yield return new ConnectivityCheck(ConnectivityCheckNames.EndpointConnection, cache.Id, false, "The cache has no private endpoint",
                "Add one in the client's virtual network with Add-RedisPrivateEndpoint.", TimeSpan.Zero);
            yield break;
        }

        foreach (var endpoint in cache.PrivateEndpoints)
        {
            var ip = endpoint.PrivateIpAddress ?? "no IP reported";
            var evidence = $"{endpoint.Name} ({ip}) in {endpoint.VirtualNetworkId ?? "an unreadable network"}: {endpoint.ConnectionState}";
            var hint = endpoint.ConnectionState switch
            {
                "Approved" => null,
                "Pending" => $"The connection waits for approval: connections to {ip} time out until the cache's owner approves it (Approve-RedisPrivateEndpointConnection).",
                "Rejected" => $"The cache's owner rejected the connection: connections to {ip} time out. Ask for approval again by recreating the endpoint, or use an approved one.",
                _ => $"The connection is {endpoint.ConnectionState}: connections to {ip} time out. Remove the endpoint and add a new one with Add-RedisPrivateEndpoint.",
            };
            yield return new ConnectivityCheck(ConnectivityCheckNames.EndpointConnection, endpoint.Id, hint is null, evidence, hint, TimeSpan.Zero);
        }
    }

    private static async Task<ConnectivityCheck> DnsZoneLinkAsync(IArmGateway arm, RedisPrivateCache cache, string zoneName, ResourceId virtualNetworkId, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var zoneIds = cache.PrivateEndpoints
            .SelectMany(e => e.DnsRecords)
            .Where(r => r.ZoneId is not null && string.Equals(r.ZoneName, zoneName, StringComparison.OrdinalIgnoreCase))
            .Select(r => ResourceId.TryParse(r.ZoneId, out var id) ? id : null)
            .OfType<ResourceId>()
            .Distinct()
            .ToList();
        if (zoneIds.Count == 0)
        {
            return new ConnectivityCheck(ConnectivityCheckNames.DnsZoneLink, virtualNetworkId.ToString(), false,
                $"No endpoint of the cache registers its IP in a private DNS zone named {zoneName} (no DNS zone group)",
                "Without a zone group nothing keeps the A record; Add-RedisPrivateEndpoint creates the zone, its link and the zone group.", watch.Elapsed);
        }

        foreach (var zoneId in zoneIds)
        {
            var links = await arm.ListAsync<VirtualNetworkLink>(zoneId + "/virtualNetworkLinks", cancellationToken).ConfigureAwait(false);
            var link = links.FirstOrDefault(l => ResourceId.TryParse(l.Properties?.VirtualNetwork?.Id, out var linked) && linked == virtualNetworkId);
            if (link is not null)
            {
                return new ConnectivityCheck(ConnectivityCheckNames.DnsZoneLink, zoneId.ToString(), true,
                    $"{zoneId.Name} is linked to {virtualNetworkId.Name} by {link.Name} ({link.Properties?.VirtualNetworkLinkState ?? link.Properties?.ProvisioningState})", null, watch.Elapsed);
            }
        }

        return new ConnectivityCheck(ConnectivityCheckNames.DnsZoneLink, zoneIds[0].ToString(), false,
            $"{string.Join(", ", zoneIds.Select(z => z.ToString()))} has no link to {virtualNetworkId}",
            $"Machines in {virtualNetworkId.Name} resolve the cache's public IP until the zone is linked: link it (Add-RedisPrivateEndpoint does), or forward the zone from this network's DNS server to one that is.",
            watch.Elapsed);
    }
}

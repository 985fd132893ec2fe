using System;
using System.Linq;
using System.Net;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>
/// Judges a lookup of the cache's public host name: it must CNAME into the privatelink zone and end at a private
/// endpoint's IP. Also picks the address the network checks connect to: only one DNS gave that is the endpoint's
/// (or, without ARM, private), so the probe never connects to a public address or to one it was not told about.
/// </summary>
internal static class DnsCheck
{
    private const string PrivateLinkPrefix = "privatelink.";

    public static (ConnectivityCheck Check, IPAddress? ConnectTo) Evaluate(ConnectivityProbeOptions options, NameResolution resolution, TimeSpan duration)
    {
        var host = options.HostName;
        var privateName = options.PrivateLinkName;
        var expected = options.ExpectedAddresses;

        ConnectivityCheck Result(bool passed, string evidence, string? hint) =>
            new(ConnectivityCheckNames.DnsResolution, host, passed, $"{evidence} (asked {resolution.Source})", passed ? null : hint, duration);

        if (resolution.FailureReason is not null)
        {
            return (Result(false, $"No answer for {host}: {resolution.FailureReason}",
                "Check that this machine can reach its DNS server (or the one given with -DnsServer) on port 53."), null);
        }

        if (!resolution.NameExists || resolution.Addresses.Count == 0)
        {
            var what = resolution.NameExists ? "has no A record" : "does not exist (NXDOMAIN)";
            return (Result(false, $"{host} {what}",
                $"Check the cache name. If it is right, the private DNS zone {options.PrivateDnsZone} has no record {privateName} " +
                "or is not linked to this network: link the zone to the virtual network (Add-RedisPrivateEndpoint does), or make the custom DNS server forward the zone to Azure DNS (168.63.129.16)."), null);
        }

        var addresses = string.Join(", ", resolution.Addresses);
        var chain = resolution.CanonicalNames.Count == 0 ? "no CNAME" : "CNAME " + string.Join(" -> ", resolution.CanonicalNames);
        var observed = $"{host} -> {chain} -> {addresses}";
        var endpointAddress = expected.Count > 0
            ? resolution.Addresses.FirstOrDefault(a => expected.Contains(a))
            : resolution.Addresses.FirstOrDefault(AddressKinds.IsPrivateOrLoopback);

        if (endpointAddress is null)
        {
            var expectedText = expected.Count > 0 ? $"; the private endpoint's IP is {string.Join(", ", expected)}" : string.Empty;
            if (resolution.Addresses.Any(a => !AddressKinds.IsPrivateOrLoopback(a)))
            {
                return (Result(false, $"{observed}: a public address{expectedText}",
                    $"This network isn't linked to the private DNS zone {options.PrivateDnsZone}, or a custom DNS server doesn't forward to Azure DNS (168.63.129.16): " +
                    $"link the zone to this virtual network, or add a conditional forwarder for the zone ({PublicZoneOf(options.PrivateDnsZone)}) to 168.63.129.16."), null);
            }

            return (Result(false, $"{observed}: a private address that is not the endpoint's{expectedText}",
                $"A stale or foreign record: the A record {privateName} (or a hosts file entry, or another DNS zone) holds an old IP. " +
                "Point it at the endpoint's IP; the endpoint's DNS zone group keeps it right when the zone is the one it registers in."), null);
        }

        if (!resolution.CanonicalNames.Any(n => string.Equals(n, privateName, StringComparison.OrdinalIgnoreCase)))
        {
            return (Result(false, $"{observed}: the endpoint's IP, but not through {privateName}",
                $"Something answers {host} directly (a hosts file entry, or a DNS zone named after the public zone): it breaks when the IP changes, and the public CNAME to {privateName} is bypassed. " +
                $"Remove it and let the private DNS zone {options.PrivateDnsZone} answer."), endpointAddress);
        }

        return (Result(true, $"{observed}: the private endpoint's IP", null), endpointAddress);
    }

    /// <summary>privatelink.redis.cache.windows.net: redis.cache.windows.net, the zone a custom DNS server forwards.</summary>
    private static string PublicZoneOf(string privateDnsZone) =>
        privateDnsZone.StartsWith(PrivateLinkPrefix, StringComparison.OrdinalIgnoreCase) ? privateDnsZone.Substring(PrivateLinkPrefix.Length) : privateDnsZone;
}

using System;
using System.Collections.Generic;
using System.Linq;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>Builds <see cref="RedisPrivateDnsRecord"/>s from what ARM reports: a DNS zone group's record sets, or an endpoint's customDnsConfigs.</summary>
internal static class PrivateDnsRecords
{
    /// <summary>The A records a zone group wrote, with the zone that holds each.</summary>
    public static IEnumerable<RedisPrivateDnsRecord> FromZoneGroup(PrivateDnsZoneGroup group)
    {
        foreach (var config in group.Properties?.PrivateDnsZoneConfigs ?? Array.Empty<PrivateDnsZoneConfig>())
        {
            var zoneId = config.Properties?.PrivateDnsZoneId;
            var zoneName = ResourceId.TryParse(zoneId, out var parsedZoneId) ? parsedZoneId!.Name : config.Name ?? string.Empty;
            foreach (var recordSet in config.Properties?.RecordSets ?? Array.Empty<PrivateDnsRecordSet>())
            {
                // Record sets say "cache1.privatelink.redis.cache.windows.net", the A record itself ends with a dot.
                var fqdn = recordSet.Fqdn?.TrimEnd('.') ?? $"{recordSet.RecordSetName}.{zoneName}";
                yield return new RedisPrivateDnsRecord(fqdn, zoneName, zoneId, recordSet.IpAddresses?.ToArray() ?? Array.Empty<string>());
            }
        }
    }

    /// <summary>
    /// The record an endpoint's customDnsConfig calls for. It names the public host (cache1.redis.cache.windows.net),
    /// which Azure's public DNS points at the privatelink name; the record is given under that privatelink name, so it
    /// reads the same as one from a zone group. ZoneId stays null: no zone was read.
    /// </summary>
    public static RedisPrivateDnsRecord FromCustomDnsConfig(CustomDnsConfig config)
    {
        var host = (config.Fqdn ?? string.Empty).TrimEnd('.');
        var addresses = config.IpAddresses?.ToArray() ?? Array.Empty<string>();
        foreach (var cloud in AzureCloudEnvironment.All)
        {
            if (host.EndsWith(cloud.RedisHostSuffix, StringComparison.OrdinalIgnoreCase))
            {
                var cacheName = host.Substring(0, host.Length - cloud.RedisHostSuffix.Length);
                if (cacheName.Length > 0 && cacheName.IndexOf('.') < 0)
                {
                    return new RedisPrivateDnsRecord(cacheName + "." + cloud.RedisPrivateDnsZone, cloud.RedisPrivateDnsZone, null, addresses);
                }
            }
        }

        // Managed Redis: <name>.<region>.redis.azure.net resolves through <name>.<region> in privatelink.redis.azure.net.
        if (ManagedRedisCacheKind.RecordOfHost(host) is { } record)
        {
            var zone = CacheKind.ManagedRedis.PrivateDnsZoneName(AzureCloudEnvironment.AzureCloud, host);
            return new RedisPrivateDnsRecord(record + "." + zone, zone, null, addresses);
        }

        // A host name of no known cloud: keep it, and name the privatelink zone of its parent domain, as Azure's convention goes.
        var firstDot = host.IndexOf('.');
        var zoneName = firstDot < 0 ? host : "privatelink." + host.Substring(firstDot + 1);
        return new RedisPrivateDnsRecord(host, zoneName, null, addresses);
    }
}

using System.Collections.Generic;
using System.Linq;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>What a private endpoint's DNS zone group holds: the zones it registers the endpoint in, and the records it wrote there.</summary>
internal static class ZoneGroupContents
{
    public static IReadOnlyList<ResourceId> ZonesOf(PrivateDnsZoneGroup group) =>
        ConfigsOf(group)
            .Select(c => ResourceId.TryParse(c.Properties?.PrivateDnsZoneId, out var zoneId) ? zoneId : null)
            .OfType<ResourceId>()
            .Distinct()
            .ToList();

    /// <summary>The names the group made resolvable, e.g. cache1.privatelink.redis.cache.windows.net.</summary>
    public static IReadOnlyList<string> RecordNamesOf(PrivateDnsZoneGroup group) =>
        ConfigsOf(group)
            .SelectMany(c => c.Properties?.RecordSets ?? new List<PrivateDnsRecordSet>())
            .Select(r => r.Fqdn)
            .OfType<string>()
            .ToList();

    private static IEnumerable<PrivateDnsZoneConfig> ConfigsOf(PrivateDnsZoneGroup group) =>
        group.Properties?.PrivateDnsZoneConfigs ?? new List<PrivateDnsZoneConfig>();
}

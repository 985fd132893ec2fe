using System.Linq;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>A name that must resolve to a private endpoint's IP, and the private DNS zone that answers it.</summary>
public sealed class RedisPrivateDnsRecord
{
    internal RedisPrivateDnsRecord(string fqdn, string zoneName, string? zoneId, string[] ipAddresses)
    {
        Fqdn = fqdn;
        ZoneName = zoneName;
        ZoneId = zoneId;
        IpAddresses = ipAddresses;
    }

    /// <summary>The private name, e.g. <c>cache1.privatelink.redis.cache.windows.net</c>.</summary>
    public string Fqdn { get; }

    public string ZoneName { get; }

    /// <summary>
    /// The private DNS zone resource holding the A record, as the endpoint's DNS zone group reports it; null when the
    /// record was not read from a zone group (lists, or an endpoint without one), so nothing says the record exists.
    /// </summary>
    public string? ZoneId { get; }

    /// <summary>The addresses the endpoint registered for the name (its zone group's record set, or its customDnsConfigs).</summary>
    public string[] IpAddresses { get; }

    /// <summary>
    /// What the zone's A record answers now, read from the zone; null when not read (lists, no zone group). Another
    /// endpoint of the same cache registering in the same zone overwrites the record, and then it differs.
    /// </summary>
    public string[]? ZoneAnswers { get; internal set; }

    /// <summary>False when the zone no longer answers this endpoint's address (a stale registration); null when not read.</summary>
    public bool? IsCurrent => ZoneAnswers is null ? null : IpAddresses.All(ZoneAnswers.Contains);

    public override string ToString() => IsCurrent == false
        ? $"{Fqdn} -> {string.Join(", ", IpAddresses)} (stale: the zone answers {(ZoneAnswers!.Length == 0 ? "nothing" : string.Join(", ", ZoneAnswers))})"
        : $"{Fqdn} -> {string.Join(", ", IpAddresses)}";
}

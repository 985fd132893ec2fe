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

    public string[] IpAddresses { get; }

    public override string ToString() => $"{Fqdn} -> {string.Join(", ", IpAddresses)}";
}

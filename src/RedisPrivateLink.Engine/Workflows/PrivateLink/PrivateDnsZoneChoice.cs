namespace RedisPrivateLink.Engine.Workflows;

/// <summary>The private DNS zone a request asks for: by -PrivateDnsZoneId, by -PrivateDnsZoneResourceGroupName, or neither (the default group).</summary>
internal sealed class PrivateDnsZoneChoice
{
    /// <param name="zoneName">The zone the cache resolves in, e.g. privatelink.redis.cache.windows.net.</param>
    public PrivateDnsZoneChoice(string zoneName, string? zoneId, string? resourceGroupName, string defaultResourceGroupName)
    {
        ZoneName = zoneName;
        ZoneId = zoneId;
        ResourceGroupName = resourceGroupName;
        DefaultResourceGroupName = defaultResourceGroupName;
    }

    public string ZoneName { get; }

    public string? ZoneId { get; }

    public string? ResourceGroupName { get; }

    public string DefaultResourceGroupName { get; }
}

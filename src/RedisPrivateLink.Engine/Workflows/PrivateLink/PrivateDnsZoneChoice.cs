using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// The private DNS zone a request asks for: by -PrivateDnsZoneId (any subscription), by -PrivateDnsZoneResourceGroupName
/// (the context's subscription), or neither (the default group, which is the cache's, in the cache's subscription).
/// </summary>
internal sealed class PrivateDnsZoneChoice
{
    /// <param name="zoneName">The zone the cache resolves in, e.g. privatelink.redis.cache.windows.net.</param>
    /// <param name="defaultResourceGroupId">The resource group of a zone the plan creates, with its subscription.</param>
    public PrivateDnsZoneChoice(string zoneName, string? zoneId, string? resourceGroupName, ResourceId defaultResourceGroupId)
    {
        ZoneName = zoneName;
        ZoneId = zoneId;
        ResourceGroupName = resourceGroupName;
        DefaultResourceGroupId = defaultResourceGroupId;
    }

    public string ZoneName { get; }

    public string? ZoneId { get; }

    public string? ResourceGroupName { get; }

    public ResourceId DefaultResourceGroupId { get; }
}

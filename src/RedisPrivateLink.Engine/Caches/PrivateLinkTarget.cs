namespace RedisPrivateLink.Engine.Caches;

/// <summary>What a private endpoint of a cache connects to (its group id) and the DNS record its zone group writes where.</summary>
internal sealed class PrivateLinkTarget
{
    public PrivateLinkTarget(string groupId, string zoneName, string recordName)
    {
        GroupId = groupId;
        ZoneName = zoneName;
        RecordName = recordName;
    }

    /// <summary>redisCache or redisEnterprise.</summary>
    public string GroupId { get; }

    /// <summary>The private DNS zone, e.g. privatelink.redis.azure.net.</summary>
    public string ZoneName { get; }

    /// <summary>The A record's name in the zone: cache1, or cache1.eastus for Managed Redis.</summary>
    public string RecordName { get; }
}

using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>A private endpoint's own record of its connection to a cache (the endpoint side of the link).</summary>
internal sealed class EndpointCacheConnection
{
    public EndpointCacheConnection(ResourceId cacheId, string name, string? status, string? description, bool isManual)
    {
        CacheId = cacheId;
        Name = name;
        Status = status;
        Description = description;
        IsManual = isManual;
    }

    public ResourceId CacheId { get; }

    public string Name { get; }

    public string? Status { get; }

    public string? Description { get; }

    public bool IsManual { get; }
}

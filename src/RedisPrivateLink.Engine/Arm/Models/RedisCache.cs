using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>An Azure Cache for Redis (Microsoft.Cache/redis). Responses spell the type Microsoft.Cache/Redis and the location as a display name ("East US").</summary>
public sealed class RedisCache : ArmResource<RedisCacheProperties>
{
    public IList<string>? Zones { get; set; }
}

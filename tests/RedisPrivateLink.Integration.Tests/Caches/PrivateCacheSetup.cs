using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Integration.Tests.Caches;

/// <summary>The ids of what <see cref="PrivateLinkArrangement.PrivateCacheAsync"/> made.</summary>
internal sealed record PrivateCacheSetup(ResourceId CacheId, ResourceId SubnetId, ResourceId ZoneId, ResourceId EndpointId);

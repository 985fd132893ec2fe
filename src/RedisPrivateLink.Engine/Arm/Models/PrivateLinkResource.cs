namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A sub-resource a private endpoint can connect to, such as a cache's redisCache group.</summary>
public sealed class PrivateLinkResource : ArmResource<PrivateLinkResourceProperties>
{
}

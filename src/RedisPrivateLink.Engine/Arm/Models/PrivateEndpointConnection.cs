namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A private endpoint connection as the target resource (the cache) sees it; named <endpoint>.<guid>.</summary>
public sealed class PrivateEndpointConnection : ArmResource<PrivateEndpointConnectionProperties>
{
}

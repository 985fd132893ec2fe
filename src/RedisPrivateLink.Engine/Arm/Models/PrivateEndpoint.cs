namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A private endpoint (Microsoft.Network/privateEndpoints).</summary>
public sealed class PrivateEndpoint : ArmResource<PrivateEndpointProperties>
{
}

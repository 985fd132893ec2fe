namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A virtual network (Microsoft.Network/virtualNetworks).</summary>
public sealed class VirtualNetwork : ArmResource<VirtualNetworkProperties>
{
}

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A link from a private DNS zone to a virtual network (Microsoft.Network/privateDnsZones/virtualNetworkLinks).</summary>
public sealed class VirtualNetworkLink : ArmResource<VirtualNetworkLinkProperties>
{
}

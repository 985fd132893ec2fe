namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A private DNS zone (Microsoft.Network/privateDnsZones); its location is always "global".</summary>
public sealed class PrivateDnsZone : ArmResource<PrivateDnsZoneProperties>
{
}

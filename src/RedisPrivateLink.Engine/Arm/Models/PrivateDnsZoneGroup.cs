namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A private DNS zone group (Microsoft.Network/privateEndpoints/privateDnsZoneGroups): it keeps the endpoint's A records in the zones it names.</summary>
public sealed class PrivateDnsZoneGroup : ArmResource<PrivateDnsZoneGroupProperties>
{
}

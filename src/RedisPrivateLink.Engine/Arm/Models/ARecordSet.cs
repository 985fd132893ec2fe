namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>An A record set in a private DNS zone (Microsoft.Network/privateDnsZones/A).</summary>
public sealed class ARecordSet : ArmResource<ARecordSetProperties>
{
}

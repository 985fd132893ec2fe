namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>A subnet (Microsoft.Network/virtualNetworks/subnets), standalone or embedded in its virtual network.</summary>
public sealed class Subnet : ArmResource<SubnetProperties>
{
}

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>
/// A network interface (Microsoft.Network/networkInterfaces). A private endpoint gets one; its IP configuration holds
/// the endpoint's private IP even while the connection is still Pending, when customDnsConfigs is empty.
/// </summary>
public sealed class NetworkInterface : ArmResource<NetworkInterfaceProperties>
{
}

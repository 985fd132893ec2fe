using System.Net;
using System.Net.Sockets;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>Tells private addresses (where a private endpoint can live) from public ones.</summary>
internal static class AddressKinds
{
    /// <summary>RFC 1918 and RFC 6598 IPv4, IPv6 unique-local, and loopback (a test, or a local tunnel to the endpoint).</summary>
    public static bool IsPrivateOrLoopback(IPAddress address)
    {
        if (IPAddress.IsLoopback(address))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return (address.GetAddressBytes()[0] & 0xFE) == 0xFC;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }
}

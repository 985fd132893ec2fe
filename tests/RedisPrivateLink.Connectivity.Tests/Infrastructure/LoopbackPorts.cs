using System.Net.Sockets;

namespace RedisPrivateLink.Connectivity.Tests.Infrastructure;

/// <summary>Ports that nothing listens on at the moment, on a loopback address.</summary>
public static class LoopbackPorts
{
    public static int Free(IPAddress address)
    {
        var listener = new TcpListener(address, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}

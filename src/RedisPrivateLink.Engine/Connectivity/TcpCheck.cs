using System;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>Whether something accepts a TCP connection on the cache's port at the endpoint's address.</summary>
internal static class TcpCheck
{
    public static async Task<ConnectivityCheck> RunAsync(IPEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = endPoint.ToString();
        var watch = Stopwatch.StartNew();
        try
        {
            using var socket = await Connections.ConnectAsync(endPoint, timeout, cancellationToken).ConfigureAwait(false);
            return new ConnectivityCheck(ConnectivityCheckNames.TcpConnect, target, true, $"Connected to {target} from {socket.LocalEndPoint}", null, watch.Elapsed);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return new ConnectivityCheck(ConnectivityCheckNames.TcpConnect, target, false, $"{target} refused the connection",
                $"Nothing accepts connections on port {endPoint.Port} at {endPoint.Address}: check the port (6380 for TLS; 15000 and up for the nodes of a clustered cache), " +
                "and that the address is the cache's private endpoint and not another machine.", watch.Elapsed);
        }
        catch (Exception ex) when (ex is TimeoutException or SocketException)
        {
            return new ConnectivityCheck(ConnectivityCheckNames.TcpConnect, target, false, $"No connection to {target}: {ex.Message}",
                "The traffic is dropped on the way: a network security group or firewall blocks the port from this subnet, no route or VPN reaches the endpoint's virtual network, " +
                "or the endpoint's connection is not approved yet (Pending or Rejected: see the EndpointConnection check).", watch.Elapsed);
        }
    }
}

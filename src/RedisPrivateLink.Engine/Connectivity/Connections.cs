using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>Opens TCP connections within a time limit (netstandard2.0's ConnectAsync takes no token).</summary>
internal static class Connections
{
    /// <summary>A connected socket; throws SocketException when refused, TimeoutException when nothing answered in time.</summary>
    public static async Task<Socket> ConnectAsync(IPEndPoint endPoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            var connect = socket.ConnectAsync(endPoint);
            var finished = await Task.WhenAny(connect, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (finished != connect)
            {
                // Observed so the abandoned attempt's failure, once the socket is closed, is not unobserved.
                _ = connect.ContinueWith(t => t.Exception, TaskScheduler.Default);
                throw new TimeoutException($"No answer from {endPoint} within {timeout.TotalSeconds:0.#} s.");
            }

            await connect.ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>
/// A TLS handshake at the endpoint's address with SNI set to the public host name, validating the certificate for
/// that name. Azure's certificate names only the public name, so this is exactly what clients must do.
/// </summary>
internal static class TlsCheck
{
    // SslProtocols.Tls13 is missing from netstandard2.0; its value is stable.
    private const SslProtocols Tls13 = (SslProtocols)12288;

    public static async Task<ConnectivityCheck> RunAsync(ConnectivityProbeOptions options, IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var host = options.HostName;
        var target = $"{host} at {endPoint}";
        var watch = Stopwatch.StartNew();
        var validation = new CertificateValidation(options.AdditionalChainTrust);
        try
        {
            using var socket = await Connections.ConnectAsync(endPoint, options.Timeout, cancellationToken).ConfigureAwait(false);
            using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false, validation.Validate);
            var handshake = tls.AuthenticateAsClientAsync(host, null, SslProtocols.Tls12 | Tls13, checkCertificateRevocation: false);
            if (await Task.WhenAny(handshake, Task.Delay(options.Timeout, cancellationToken)).ConfigureAwait(false) != handshake)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _ = handshake.ContinueWith(t => t.Exception, TaskScheduler.Default);
                throw new TimeoutException($"The TLS handshake did not finish within {options.Timeout.TotalSeconds:0.#} s.");
            }

            await handshake.ConfigureAwait(false);
            return new ConnectivityCheck(ConnectivityCheckNames.TlsHandshake, target, true,
                $"{ProtocolName(tls.SslProtocol)} with {validation.DescribeCertificate()}", null, watch.Elapsed);
        }
        catch (AuthenticationException ex) when (validation.Certificate is not null)
        {
            return Failed(target, $"{validation.DescribeCertificate()} was refused ({validation.Errors}): {ex.Message}", CertificateHint(options, validation.Errors), watch.Elapsed);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException or TimeoutException)
        {
            return Failed(target, $"No TLS 1.2+ session: {ex.Message}",
                "The server did not complete a TLS 1.2 or later handshake: check that the port is the TLS port (6380, not the non-TLS 6379) and that no proxy or firewall inspects the traffic.",
                watch.Elapsed);
        }
    }

    private static ConnectivityCheck Failed(string target, string evidence, string hint, TimeSpan duration) =>
        new(ConnectivityCheckNames.TlsHandshake, target, false, evidence, hint, duration);

    private static string CertificateHint(ConnectivityProbeOptions options, SslPolicyErrors errors)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"The certificate does not name {options.HostName}. Azure's certificate names only the public host name (*{HostSuffixOf(options.HostName)}), " +
                   $"never {options.PrivateLinkName} nor the IP, so connecting by the privatelink name or the IP fails validation: " +
                   $"connect by {options.HostName} and let DNS map it to the private IP. If the name is right, something else answers at this address (a proxy that re-signs TLS, or another server).";
        }

        return "The certificate chain is not trusted here: a proxy that inspects TLS re-signs it with its own root, or this machine lacks the public root certificate that Azure's chain ends at (update the root store).";
    }

    private static string HostSuffixOf(string hostName)
    {
        var dot = hostName.IndexOf('.');
        return dot < 0 ? hostName : hostName.Substring(dot);
    }

    private static string ProtocolName(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls12 => "TLS 1.2",
        Tls13 => "TLS 1.3",
        _ => protocol.ToString(),
    };
}

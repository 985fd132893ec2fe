using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using DnsClient.Protocol;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>The two ways the probe resolves a host name: as applications on this machine do, or by asking one DNS server.</summary>
public static class NameResolvers
{
    /// <summary>Asks <paramref name="dnsServer"/> when given (every CNAME visible), else the system resolver (hosts file included).</summary>
    public static Task<NameResolution> ResolveAsync(string hostName, IPEndPoint? dnsServer, TimeSpan timeout, CancellationToken cancellationToken) =>
        dnsServer is null ? ResolveWithSystemAsync(hostName, cancellationToken) : ResolveWithServerAsync(hostName, dnsServer, timeout, cancellationToken);

    private static async Task<NameResolution> ResolveWithSystemAsync(string hostName, CancellationToken cancellationToken)
    {
        const string source = "the system resolver";
        try
        {
            // GetHostEntry asks for the canonical name too: the last CNAME target is all the system resolver reveals.
            var entry = await Dns.GetHostEntryAsync(hostName).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var canonical = string.Equals(entry.HostName, hostName, StringComparison.OrdinalIgnoreCase) ? Array.Empty<string>() : new[] { entry.HostName };
            return new NameResolution(entry.AddressList.Where(a => a.AddressFamily == AddressFamily.InterNetwork).ToArray(), canonical, source);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData)
        {
            return NameResolution.NotFound(source);
        }
        catch (SocketException ex)
        {
            return NameResolution.NoAnswer(source, ex.Message);
        }
    }

    private static async Task<NameResolution> ResolveWithServerAsync(string hostName, IPEndPoint dnsServer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var source = $"DNS server {dnsServer}";
        var client = new LookupClient(new LookupClientOptions(new NameServer(dnsServer))
        {
            UseCache = false,
            Timeout = timeout,
            Retries = 1,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
        });
        try
        {
            var response = await client.QueryAsync(hostName, QueryType.A, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            if (response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
            {
                return NameResolution.NotFound(source);
            }

            if (response.HasError)
            {
                return NameResolution.NoAnswer(source, response.ErrorMessage);
            }

            var canonicalNames = response.Answers.OfType<CNameRecord>().Select(r => r.CanonicalName.Value.TrimEnd('.')).ToArray();
            var addresses = response.Answers.OfType<ARecord>().Select(r => r.Address).ToArray();
            return new NameResolution(addresses, canonicalNames, source);
        }
        catch (DnsResponseException ex)
        {
            return NameResolution.NoAnswer(source, ex.Message);
        }
    }
}

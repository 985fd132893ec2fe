using System;
using System.Globalization;
using System.Net;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>Reads a DNS server given as "10.0.0.4", "10.0.0.4:5353", "fd00::4" or "[fd00::4]:53"; the port defaults to 53.</summary>
public static class DnsServerAddress
{
    public const int DefaultPort = 53;

    /// <exception cref="RedisPrivateLinkException">InvalidDnsServer: not an IP address with an optional port.</exception>
    public static IPEndPoint Parse(string text)
    {
        var value = (text ?? string.Empty).Trim();
        string host;
        string? port = null;
        if (value.StartsWith("[", StringComparison.Ordinal) && value.IndexOf(']') is var close and > 0)
        {
            host = value.Substring(1, close - 1);
            var rest = value.Substring(close + 1);
            port = rest.Length == 0 ? null : rest.StartsWith(":", StringComparison.Ordinal) ? rest.Substring(1) : "invalid";
        }
        else if (value.IndexOf(':') is var colon and >= 0 && colon == value.LastIndexOf(':'))
        {
            // One colon: IPv4 and a port. IPv6 without brackets has several and takes no port.
            host = value.Substring(0, colon);
            port = value.Substring(colon + 1);
        }
        else
        {
            host = value;
        }

        var portNumber = DefaultPort;
        if (IPAddress.TryParse(host, out var address)
            && (port is null || (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out portNumber) && portNumber is > 0 and <= 65535)))
        {
            return new IPEndPoint(address, portNumber);
        }

        throw new RedisPrivateLinkException("InvalidDnsServer", RedisPrivateLinkErrorCategory.InvalidArgument,
            $"'{text}' is not a DNS server address: give an IP address with an optional port, such as 10.0.0.4, 10.0.0.4:53 or [fd00::4]:53.", text);
    }
}

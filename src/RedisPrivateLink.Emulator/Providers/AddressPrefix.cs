using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// A CIDR prefix (IPv4 or IPv6) as Microsoft.Network reads one: strict dotted or colon notation and a prefix length.
/// Addresses are held as 128-bit numbers so both families share the arithmetic; prefixes of different families never
/// contain or overlap each other.
/// </summary>
internal readonly record struct AddressPrefix(UInt128 Address, int Length, bool IsIPv6)
{
    private int Bits => IsIPv6 ? 128 : 32;

    private UInt128 HostMask => Length == Bits ? UInt128.Zero : (UInt128.One << (Bits - Length)) - 1;

    /// <summary>The network address, host bits cleared.</summary>
    public UInt128 Network => Address & ~HostMask;

    public UInt128 Last => Network | HostMask;

    /// <summary>10.0.0.1/24 is well-formed but not a network: Azure asks for 10.0.0.0/24.</summary>
    public bool HasHostBits => Address != Network;

    public UInt128 Size => HostMask + 1;

    /// <summary>The prefix written as its network, e.g. what Azure suggests for a prefix with host bits.</summary>
    public string Canonical => $"{Format(Network)}/{Length.ToString(CultureInfo.InvariantCulture)}";

    public static AddressPrefix? Parse(string? text)
    {
        var parts = text?.Split('/');
        if (parts is not { Length: 2 }
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || !IPAddress.TryParse(parts[0], out var address))
        {
            return null;
        }

        var isIPv6 = address.AddressFamily == AddressFamily.InterNetworkV6;

        // IPAddress.TryParse also accepts "10.1" and "10"; Azure wants all four octets.
        if ((!isIPv6 && parts[0].Count(c => c == '.') != 3) || length > (isIPv6 ? 128 : 32))
        {
            return null;
        }

        var value = UInt128.Zero;
        foreach (var b in address.GetAddressBytes())
        {
            value = (value << 8) | b;
        }

        return new AddressPrefix(value, length, isIPv6);
    }

    public bool Contains(AddressPrefix other) =>
        IsIPv6 == other.IsIPv6 && other.Length >= Length && (other.Network & ~HostMask) == Network;

    public bool Overlaps(AddressPrefix other) =>
        IsIPv6 == other.IsIPv6 && other.Network <= Last && Network <= other.Last;

    /// <summary>The address <paramref name="offset"/> places after the network address.</summary>
    public string AddressAt(UInt128 offset) => Format(Network + offset);

    public UInt128 OffsetOf(string address) =>
        Parse($"{address}/{Bits.ToString(CultureInfo.InvariantCulture)}") is { } parsed ? parsed.Address - Network : UInt128.MaxValue;

    private string Format(UInt128 value)
    {
        var bytes = new byte[Bits / 8];
        for (var i = bytes.Length - 1; i >= 0; i--)
        {
            bytes[i] = (byte)(value & 0xFF);
            value >>= 8;
        }

        return new IPAddress(bytes).ToString();
    }
}

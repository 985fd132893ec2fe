using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>
/// An IPv4 or IPv6 network in "address/prefix" form with no host bits set, as Azure accepts for address spaces and
/// subnets. The address is held as a 128-bit number (IPv4 in the low 32 bits) so containment is mask arithmetic.
/// </summary>
public readonly struct Cidr : IEquatable<Cidr>
{
    /// <summary>Azure keeps the network address, the next three and the broadcast address of every subnet.</summary>
    private const int AzureReservedAddresses = 5;

    private readonly ulong _high;
    private readonly ulong _low;

    private Cidr(AddressFamily family, ulong high, ulong low, int prefixLength)
    {
        AddressFamily = family;
        _high = high;
        _low = low;
        PrefixLength = prefixLength;
    }

    public AddressFamily AddressFamily { get; }

    public int PrefixLength { get; }

    public bool IsIPv4 => AddressFamily == AddressFamily.InterNetwork;

    public IPAddress NetworkAddress => ToAddress(_high, _low);

    /// <summary>How many addresses the network spans, host bits all counted (2^(bits - prefix)).</summary>
    public BigInteger AddressCount => BigInteger.One << HostBits;

    /// <summary>Addresses left for resources once Azure has taken the five it reserves in every subnet.</summary>
    public BigInteger AzureUsableAddressCount => BigInteger.Max(BigInteger.Zero, AddressCount - AzureReservedAddresses);

    private int TotalBits => IsIPv4 ? 32 : 128;

    private int HostBits => TotalBits - PrefixLength;

    public static Cidr Parse(string? value, string parameterName = "AddressPrefix")
    {
        if (!TryParseCore(value, out var cidr, out var problem))
        {
            throw new ValidationException(ValidationErrorIds.InvalidAddressPrefix, parameterName, problem);
        }

        return cidr;
    }

    public static bool TryParse(string? value, out Cidr cidr) => TryParseCore(value, out cidr, out _);

    public bool Contains(Cidr other) =>
        other.AddressFamily == AddressFamily
        && other.PrefixLength >= PrefixLength
        && Masked(other._high, other._low, HostBits) == (_high, _low);

    public bool Overlaps(Cidr other) => Contains(other) || other.Contains(this);

    public override string ToString() =>
        NetworkAddress.ToString() + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);

    public bool Equals(Cidr other) =>
        AddressFamily == other.AddressFamily && PrefixLength == other.PrefixLength && _high == other._high && _low == other._low;

    public override bool Equals(object? obj) => obj is Cidr other && Equals(other);

    public override int GetHashCode()
    {
        unchecked
        {
            var hash = ((int)AddressFamily * 397) ^ PrefixLength;
            hash = (hash * 397) ^ _high.GetHashCode();
            return (hash * 397) ^ _low.GetHashCode();
        }
    }

    public static bool operator ==(Cidr left, Cidr right) => left.Equals(right);

    public static bool operator !=(Cidr left, Cidr right) => !left.Equals(right);

    private static bool TryParseCore(string? value, out Cidr cidr, out string problem)
    {
        cidr = default;
        var expectedForm = "Give it as a network address and prefix length, like 10.0.0.0/16 (IPv4) or fd00:db8::/64 (IPv6).";
        var slash = value?.IndexOf('/') ?? -1;
        if (value is null || slash <= 0 || slash != value.LastIndexOf('/'))
        {
            problem = $"Address prefix {NameRules.Quote(value)} is not valid. {expectedForm}";
            return false;
        }

        var addressText = value.Substring(0, slash);
        var prefixText = value.Substring(slash + 1);
        if (!TryParseAddress(addressText, out var family, out var high, out var low))
        {
            problem = $"Address prefix '{value}' is not valid: '{addressText}' is not an IPv4 or IPv6 address. {expectedForm}";
            return false;
        }

        var totalBits = family == AddressFamily.InterNetwork ? 32 : 128;
        if (!TryParseDecimal(prefixText, totalBits, out var prefixLength))
        {
            problem = $"Address prefix '{value}' is not valid: the prefix length must be a whole number from 0 to {totalBits}. {expectedForm}";
            return false;
        }

        var (networkHigh, networkLow) = Masked(high, low, totalBits - prefixLength);
        var network = new Cidr(family, networkHigh, networkLow, prefixLength);
        if (networkHigh != high || networkLow != low)
        {
            problem = $"Address prefix '{value}' has host bits set; did you mean {network}?";
            return false;
        }

        cidr = network;
        problem = string.Empty;
        return true;
    }

    private static bool TryParseAddress(string text, out AddressFamily family, out ulong high, out ulong low)
    {
        family = default;
        high = 0;
        low = 0;
        if (text.IndexOf(':') >= 0)
        {
            // IPAddress.TryParse also takes scope ids ("fe80::1%eth0") and surrounding blanks; a prefix has neither.
            if (text.IndexOf('%') >= 0 || text.Trim().Length != text.Length
                || !IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            var bytes = address.GetAddressBytes();
            for (var i = 0; i < 8; i++)
            {
                high = (high << 8) | bytes[i];
                low = (low << 8) | bytes[i + 8];
            }

            family = AddressFamily.InterNetworkV6;
            return true;
        }

        // IPAddress.TryParse accepts "10.1", hex and octal forms for IPv4; Azure wants four plain decimal octets.
        var octets = text.Split('.');
        if (octets.Length != 4)
        {
            return false;
        }

        foreach (var octet in octets)
        {
            if (!TryParseDecimal(octet, 255, out var octetValue))
            {
                return false;
            }

            low = (low << 8) | (uint)octetValue;
        }

        family = AddressFamily.InterNetwork;
        return true;
    }

    /// <summary>Plain decimal digits only, no sign, blanks or leading zeros, up to <paramref name="max"/>.</summary>
    private static bool TryParseDecimal(string text, int max, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 3 || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= max;
    }

    private static (ulong High, ulong Low) Masked(ulong high, ulong low, int hostBits)
    {
        if (hostBits >= 64)
        {
            var highMask = hostBits >= 128 ? 0UL : ulong.MaxValue << (hostBits - 64);
            return (high & highMask, 0UL);
        }

        var lowMask = hostBits == 0 ? ulong.MaxValue : ulong.MaxValue << hostBits;
        return (high, low & lowMask);
    }

    private IPAddress ToAddress(ulong high, ulong low)
    {
        if (IsIPv4)
        {
            return new IPAddress(new[] { (byte)(low >> 24), (byte)(low >> 16), (byte)(low >> 8), (byte)low });
        }

        var bytes = new byte[16];
        for (var i = 0; i < 8; i++)
        {
            bytes[7 - i] = (byte)(high >> (8 * i));
            bytes[15 - i] = (byte)(low >> (8 * i));
        }

        return new IPAddress(bytes);
    }
}

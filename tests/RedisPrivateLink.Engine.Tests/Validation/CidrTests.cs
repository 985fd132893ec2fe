using System.Net.Sockets;
using System.Numerics;
using RedisPrivateLink.Engine.Validation;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Validation;

public sealed class CidrTests
{
    [Theory]
    [InlineData("10.0.0.0/16", "10.0.0.0/16")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("192.168.1.128/25", "192.168.1.128/25")]
    [InlineData("10.0.0.7/32", "10.0.0.7/32")]
    [InlineData("FD00:DB8:0:0::/64", "fd00:db8::/64")]
    [InlineData("::/0", "::/0")]
    [InlineData("2001:db8::1/128", "2001:db8::1/128")]
    public void ValidPrefixesParseToCanonicalText(string text, string canonical)
    {
        Assert.Equal(canonical, Cidr.Parse(text).ToString());
        Assert.True(Cidr.TryParse(text, out var parsed));
        Assert.Equal(canonical, parsed.ToString());
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/")]
    [InlineData("/16")]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/016")]
    [InlineData("10.0.0.0/16/16")]
    [InlineData("10.0/16")]
    [InlineData("10.0.0.256/32")]
    [InlineData("010.0.0.0/8")]
    [InlineData("0x0A.0.0.0/8")]
    [InlineData(" 10.0.0.0/16")]
    [InlineData("10.0.0.0/16 ")]
    [InlineData("fe80::%1/64")]
    [InlineData("fd00::/129")]
    [InlineData("vnet/16")]
    [InlineData("")]
    public void MalformedPrefixesAreRefusedWithTheExpectedForm(string text)
    {
        Assert.False(Cidr.TryParse(text, out _));
        var error = ValidationAssert.Throws(ValidationErrorIds.InvalidAddressPrefix, () => Cidr.Parse(text, "AddressPrefix"), $"'{text}'");
        Assert.Contains("10.0.0.0/16", error.Message);
        Assert.Equal("AddressPrefix", error.ParameterName);
    }

    [Fact]
    public void NullIsRefused() =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidAddressPrefix, () => Cidr.Parse(null), "(none)");

    [Theory]
    [InlineData("10.0.0.1/24", "10.0.0.0/24")]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("fd00::1/64", "fd00::/64")]
    public void HostBitsSetAreRefusedSuggestingTheNetwork(string text, string suggestion)
    {
        var error = ValidationAssert.Throws(ValidationErrorIds.InvalidAddressPrefix, () => Cidr.Parse(text), text);
        Assert.Equal($"Address prefix '{text}' has host bits set; did you mean {suggestion}?", error.Message);
    }

    [Theory]
    [InlineData("10.0.0.0/16", "10.0.1.0/24", true)]
    [InlineData("10.0.0.0/16", "10.0.0.0/16", true)]
    [InlineData("10.0.0.0/16", "10.1.0.0/24", false)]
    [InlineData("10.0.1.0/24", "10.0.0.0/16", false)]
    [InlineData("0.0.0.0/0", "192.168.0.0/16", true)]
    [InlineData("fd00::/48", "fd00:0:0:1::/64", true)]
    [InlineData("fd00::/48", "fd01::/64", false)]
    [InlineData("10.0.0.0/8", "::/0", false)]
    public void ContainsComparesNetworks(string outer, string inner, bool expected) =>
        Assert.Equal(expected, Cidr.Parse(outer).Contains(Cidr.Parse(inner)));

    [Theory]
    [InlineData("10.0.0.0/16", "10.0.255.0/24", true)]
    [InlineData("10.0.1.0/24", "10.0.0.0/16", true)]
    [InlineData("10.0.0.0/25", "10.0.0.128/25", false)]
    [InlineData("fd00::/64", "fd00::/48", true)]
    [InlineData("10.0.0.0/8", "::/0", false)]
    public void OverlapsIsSymmetric(string first, string second, bool expected)
    {
        Assert.Equal(expected, Cidr.Parse(first).Overlaps(Cidr.Parse(second)));
        Assert.Equal(expected, Cidr.Parse(second).Overlaps(Cidr.Parse(first)));
    }

    [Fact]
    public void SizeHelpersFollowAzureReservations()
    {
        var subnet = Cidr.Parse("10.0.1.0/24");
        Assert.Equal(new BigInteger(256), subnet.AddressCount);
        Assert.Equal(new BigInteger(251), subnet.AzureUsableAddressCount);
        Assert.Equal(AddressFamily.InterNetwork, subnet.AddressFamily);
        Assert.Equal("10.0.1.0", subnet.NetworkAddress.ToString());
    }

    [Fact]
    public void NetworksTooSmallForAzureHaveNoUsableAddress()
    {
        var subnet = Cidr.Parse("10.0.0.0/30");
        Assert.Equal(BigInteger.Zero, subnet.AzureUsableAddressCount);
    }

    [Fact]
    public void IPv6SizesAreExact()
    {
        Assert.Equal(BigInteger.One << 64, Cidr.Parse("fd00::/64").AddressCount);
        Assert.Equal(BigInteger.One << 128, Cidr.Parse("::/0").AddressCount);
    }

    [Fact]
    public void EqualityIsByValue()
    {
        Assert.Equal(Cidr.Parse("fd00:0::/64"), Cidr.Parse("FD00::/64"));
        Assert.True(Cidr.Parse("10.0.0.0/16") == Cidr.Parse("10.0.0.0/16"));
        Assert.True(Cidr.Parse("10.0.0.0/16") != Cidr.Parse("10.0.0.0/17"));
        Assert.Equal(Cidr.Parse("10.0.0.0/16").GetHashCode(), Cidr.Parse("10.0.0.0/16").GetHashCode());
    }
}

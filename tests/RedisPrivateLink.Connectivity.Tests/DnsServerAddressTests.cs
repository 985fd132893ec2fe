using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Connectivity;

namespace RedisPrivateLink.Connectivity.Tests;

public sealed class DnsServerAddressTests
{
    [Theory]
    [InlineData("10.0.0.4", "10.0.0.4:53")]
    [InlineData(" 127.0.0.1:5353 ", "127.0.0.1:5353")]
    [InlineData("fd00::4", "[fd00::4]:53")]
    [InlineData("[fd00::4]:5353", "[fd00::4]:5353")]
    [InlineData("[::1]", "[::1]:53")]
    public void ReadsAnAddressWithAnOptionalPort(string text, string expected) =>
        Assert.Equal(expected, DnsServerAddress.Parse(text).ToString());

    [Theory]
    [InlineData("dns.contoso.com")]
    [InlineData("10.0.0.4:0")]
    [InlineData("10.0.0.4:70000")]
    [InlineData("10.0.0.4:x")]
    [InlineData("[fd00::4]53")]
    [InlineData("")]
    public void RefusesAnythingElseSayingWhatToGive(string text)
    {
        var error = Assert.Throws<RedisPrivateLinkException>(() => DnsServerAddress.Parse(text));

        Assert.Equal("InvalidDnsServer", error.ErrorId);
        Assert.Contains("such as 10.0.0.4, 10.0.0.4:53", error.Message);
    }
}

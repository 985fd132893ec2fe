using System;
using System.Text;
using RedisPrivateLink.Engine.Context;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Context;

public class JwtAccountTests
{
    internal static string Token(string payloadJson) =>
        Segment("""{"alg":"none","typ":"JWT"}""") + "." + Segment(payloadJson) + ".signature";

    [Theory]
    [InlineData("""{"upn":"admin@contoso.com","unique_name":"other","oid":"o"}""", "admin@contoso.com")]
    [InlineData("""{"unique_name":"live.com#user@outlook.com","oid":"o"}""", "live.com#user@outlook.com")]
    [InlineData("""{"appid":"11111111-2222-3333-4444-555555555555","oid":"o"}""", "11111111-2222-3333-4444-555555555555")]
    [InlineData("""{"oid":"object-id"}""", "object-id")]
    [InlineData("""{"sub":"x"}""", null)]
    public void ReadsTheAccountClaim(string payload, string? expected) => Assert.Equal(expected, JwtAccount.AccountOf(Token(payload)));

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.!!!.c")]
    [InlineData("a.bnVsbA.c")]
    public void NonJwtTokensHaveNoAccount(string token) => Assert.Null(JwtAccount.AccountOf(token));

    [Fact]
    public void ReadsExpiryAndTenant()
    {
        var token = Token("""{"exp":1893456000,"tid":"tenant-1"}""");
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1893456000), JwtAccount.ExpiresOn(token));
        Assert.Equal("tenant-1", JwtAccount.TenantOf(token));
    }

    private static string Segment(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

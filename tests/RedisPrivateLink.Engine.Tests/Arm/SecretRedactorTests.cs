using System;
using RedisPrivateLink.Engine.Diagnostics;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

public class SecretRedactorTests
{
    [Theory]
    [InlineData("""{"primaryKey":"AAA=","secondaryKey":"BBB="}""", """{"primaryKey":"***REDACTED***","secondaryKey":"***REDACTED***"}""")]
    [InlineData("""{"accessKeys": {"PrimaryKey" : "x\"y"}}""", """{"accessKeys": {"PrimaryKey" : "***REDACTED***"}}""")]
    [InlineData("""{"password":"p","clientSecret":"c","accessToken":"t"}""", """{"password":"***REDACTED***","clientSecret":"***REDACTED***","accessToken":"***REDACTED***"}""")]
    [InlineData("""{"keys":[{"keyName":"key1","value":"storagekey","permissions":"FULL"}]}""", """{"keys":[{"keyName":"key1","value":"***REDACTED***","permissions":"FULL"}]}""")]
    [InlineData("https://sa.blob.core.windows.net/c?sv=2022-11-02&sig=abc%2Bdef&se=2026", "https://sa.blob.core.windows.net/c?sv=2022-11-02&sig=***REDACTED***&se=2026")]
    [InlineData("Authorization: Bearer eyJ0eXAi.payload.sig", "Authorization: ***REDACTED***")]
    [InlineData("""{"provisioningState":"Succeeded","hostName":"c.redis.cache.windows.net"}""", """{"provisioningState":"Succeeded","hostName":"c.redis.cache.windows.net"}""")]
    public void RedactsSecretsAndLeavesTheRest(string input, string expected) => Assert.Equal(expected, SecretRedactor.Redact(input));

    [Fact]
    public void HeadersAndUris()
    {
        Assert.Equal(SecretRedactor.Redacted, SecretRedactor.RedactHeader("authorization", "Bearer x"));
        Assert.Equal("application/json", SecretRedactor.RedactHeader("Content-Type", "application/json"));
        Assert.Equal("/subscriptions/s/providers/Microsoft.Cache/locations/West%20Europe/asyncOperations/1?api-version=2024-11-01",
            SecretRedactor.DescribeUri(new Uri("https://management.azure.com/subscriptions/s/providers/Microsoft.Cache/locations/West%20Europe/asyncOperations/1?api-version=2024-11-01&t=1&c=MIIH&s=sig&h=hash")));
        Assert.Equal("/x", SecretRedactor.DescribeUri(new Uri("https://h/x?sig=1")));
    }
}

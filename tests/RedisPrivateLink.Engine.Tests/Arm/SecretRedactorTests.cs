using System;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Tests.Shared;
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
        Assert.Equal($"/subscriptions/s/providers/Microsoft.Cache/locations/West%20Europe/asyncOperations/1?api-version={TestApiVersions.Redis}",
            SecretRedactor.DescribeUri(new Uri($"https://management.azure.com/subscriptions/s/providers/Microsoft.Cache/locations/West%20Europe/asyncOperations/1?api-version={TestApiVersions.Redis}&t=1&c=MIIH&s=sig&h=hash")));
        Assert.Equal("/x", SecretRedactor.DescribeUri(new Uri("https://h/x?sig=1")));
    }

    [Fact]
    public void RedactsPersistenceConnectionStringsInRedisConfiguration()
    {
        const string body = """{"properties":{"redisConfiguration":{"rdb-storage-connection-string":"DefaultEndpointsProtocol=https;AccountName=sa;AccountKey=S3cr3tKey==;EndpointSuffix=core.windows.net","aof-storage-connection-string-0":"x","maxmemory-policy":"allkeys-lru"}}}""";

        var redacted = SecretRedactor.Redact(body);

        Assert.DoesNotContain("S3cr3tKey", redacted);
        Assert.Contains("\"rdb-storage-connection-string\":\"***REDACTED***\"", redacted);
        Assert.Contains("\"aof-storage-connection-string-0\":\"***REDACTED***\"", redacted);
        Assert.Contains("allkeys-lru", redacted);
    }

    [Fact]
    public void RedactsAccountKeysAndSignaturesInsideAnyText()
    {
        Assert.Equal("AccountName=sa;AccountKey=***REDACTED***;EndpointSuffix=x", SecretRedactor.Redact("AccountName=sa;AccountKey=abc+/==;EndpointSuffix=x"));
        // System.Text.Json escapes '&' in a body; the signature after it must still go.
        Assert.Equal("\"https://sa.blob/c?sv=1\\u0026sig=***REDACTED***\\u0026se=2\"", SecretRedactor.Redact("\"https://sa.blob/c?sv=1\\u0026sig=abc%2Bdef\\u0026se=2\""));
    }
}

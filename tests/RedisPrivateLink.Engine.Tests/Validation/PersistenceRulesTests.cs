using System.Collections.Generic;
using RedisPrivateLink.Engine.Validation;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Validation;

public sealed class PersistenceRulesTests
{
    private const string Key = "c2VjcmV0LWtleS12YWx1ZQ==";

    [Fact]
    public void AccountsAreReadFromEachConnectionString()
    {
        var accounts = PersistenceRules.GetStorageAccounts(new Dictionary<string, string>
        {
            ["rdb-storage-connection-string"] = $"DefaultEndpointsProtocol=https;AccountName=rdbstore;AccountKey={Key};EndpointSuffix=core.windows.net",
            ["AOF-storage-connection-string-0"] = $"DefaultEndpointsProtocol=https;AccountName=aofstore;AccountKey={Key}",
            ["maxmemory-policy"] = "allkeys-lru",
        });

        Assert.Collection(accounts,
            rdb =>
            {
                Assert.Equal("rdb-storage-connection-string", rdb.ConfigurationKey);
                Assert.Equal("rdbstore", rdb.AccountName);
                Assert.Equal("core.windows.net", rdb.EndpointSuffix);
            },
            aof =>
            {
                Assert.Equal("aof-storage-connection-string-0", aof.ConfigurationKey);
                Assert.Equal("aofstore", aof.AccountName);
                Assert.Null(aof.EndpointSuffix);
            });
    }

    [Fact]
    public void SasConnectionStringNamesTheAccountThroughItsBlobEndpoint()
    {
        var accounts = PersistenceRules.GetStorageAccounts(new Dictionary<string, string>
        {
            ["rdb-storage-connection-string"] = "BlobEndpoint=https://sasstore.blob.core.windows.net/;SharedAccessSignature=sv=2022&sig=c2VjcmV0",
        });

        Assert.Equal("sasstore", Assert.Single(accounts).AccountName);
    }

    [Fact]
    public void NoConfigurationMeansNoAccounts()
    {
        Assert.Empty(PersistenceRules.GetStorageAccounts(null));
        Assert.Empty(PersistenceRules.GetStorageAccounts(new Dictionary<string, string> { ["rdb-backup-enabled"] = "true" }));
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountKey=" + Key)]
    [InlineData(Key)]
    [InlineData("")]
    [InlineData("BlobEndpoint=not a url;SharedAccessSignature=sig=" + Key)]
    public void ConnectionStringWithoutAccountIsRefusedWithoutEchoingIt(string connectionString)
    {
        var error = ValidationAssert.Throws(ValidationErrorIds.InvalidPersistenceConnectionString,
            () => PersistenceRules.GetStorageAccounts(new Dictionary<string, string> { ["aof-storage-connection-string-1"] = connectionString }),
            "'aof-storage-connection-string-1'");
        Assert.DoesNotContain(Key, error.Message);
        Assert.DoesNotContain("c2VjcmV0", error.Message);
    }

    [Theory]
    [InlineData("AccountName=Bad_Name;AccountKey=" + Key)]
    [InlineData("AccountName=ab;AccountKey=" + Key)]
    [InlineData("AccountName=store AccountKey=" + Key)]
    public void InvalidAccountNameIsRefusedWithoutEchoingTheConnectionString(string connectionString)
    {
        var error = ValidationAssert.Throws(ValidationErrorIds.InvalidPersistenceConnectionString,
            () => PersistenceRules.GetStorageAccounts(new Dictionary<string, string> { ["rdb-storage-connection-string"] = connectionString }),
            "'rdb-storage-connection-string'");
        Assert.DoesNotContain(Key, error.Message);
        Assert.DoesNotContain("c2VjcmV0", error.Message);
    }
}

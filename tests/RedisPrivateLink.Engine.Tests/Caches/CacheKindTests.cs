using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Validation;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Caches;

public class CacheKindTests
{
    private const string Sub = "00000000-0000-0000-0000-000000000001";

    [Theory]
    [InlineData("Microsoft.Cache/redis", "Classic")]
    [InlineData("Microsoft.Cache/Redis", "Classic")]
    [InlineData("Microsoft.Cache/redisEnterprise", "ManagedRedis")]
    [InlineData("Microsoft.Cache/RedisEnterprise", "ManagedRedis")]
    public void TheKindFollowsTheResourceTypeInAnyCasing(string type, string kind) =>
        Assert.Equal(kind, CacheKind.ForType(type)!.Name);

    [Fact]
    public void EachKindNamesItsGroupIdPortAndZone()
    {
        Assert.Equal(("redisCache", 6380, "privatelink.redis.cache.windows.net"),
            (CacheKind.Classic.DefaultGroupId, CacheKind.Classic.TlsPort, CacheKind.Classic.PrivateDnsZoneName(AzureCloudEnvironment.AzureCloud, "c1.redis.cache.windows.net")));
        Assert.Equal("privatelink.redis.cache.usgovcloudapi.net", CacheKind.Classic.PrivateDnsZoneName(AzureCloudEnvironment.AzureUSGovernment, null));
        Assert.Equal(("redisEnterprise", 10000, "privatelink.redis.azure.net"),
            (CacheKind.ManagedRedis.DefaultGroupId, CacheKind.ManagedRedis.TlsPort, CacheKind.ManagedRedis.PrivateDnsZoneName(AzureCloudEnvironment.AzureCloud, "amr1.eastus.redis.azure.net")));
    }

    [Fact]
    public void ALegacyEnterpriseCacheIsRecognisedByItsHostName()
    {
        const string Host = "ent1.westus2.redisenterprise.cache.azure.net";
        Assert.Equal("privatelink.redisenterprise.cache.azure.net", CacheKind.ManagedRedis.PrivateDnsZoneName(AzureCloudEnvironment.AzureCloud, Host));
        Assert.Equal("ent1.westus2", CacheKind.ManagedRedis.RecordName("ent1", Host, "West US 2"));
    }

    [Theory]
    [InlineData("amr1.eastus.redis.azure.net", "East US", "amr1.eastus")]
    [InlineData(null, "East US", "amr1.eastus")]
    [InlineData(null, "westeurope", "amr1.westeurope")]
    public void AManagedRedisRecordIsNamedAfterTheCacheAndItsRegion(string? host, string location, string record) =>
        Assert.Equal(record, CacheKind.ManagedRedis.RecordName("amr1", host, location));

    [Fact]
    public void AClassicRecordIsTheCacheName() =>
        Assert.Equal("classic1", CacheKind.Classic.RecordName("classic1", "classic1.redis.cache.windows.net", "eastus"));

    [Fact]
    public void AnUnknownKindIsRefusedNamingTheValidOnes()
    {
        var error = Assert.Throws<ValidationException>(() => CacheKind.Parse("Enterprise"));
        Assert.Equal((ValidationErrorIds.InvalidCacheKind, "Kind"), (error.ErrorId, error.ParameterName));
        Assert.Contains("ManagedRedis", error.Message);
    }

    [Fact]
    public void ACacheIdOfEitherKindParsesAndAnyOtherTypeIsRefused()
    {
        var managed = CacheKind.ParseCacheId($"/subscriptions/{Sub}/resourceGroups/rg/providers/Microsoft.Cache/RedisEnterprise/amr1", "CacheId");
        Assert.Equal("Microsoft.Cache/redisEnterprise", managed.ResourceType);
        Assert.Same(CacheKind.ManagedRedis, CacheKind.Of(managed));
        Assert.Same(CacheKind.Classic, CacheKind.Of(CacheKind.ParseCacheId($"/subscriptions/{Sub}/resourceGroups/rg/providers/Microsoft.Cache/redis/c1", "CacheId")));

        var error = Assert.Throws<ValidationException>(() => CacheKind.ParseCacheId($"/subscriptions/{Sub}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet", "CacheId"));
        Assert.Equal(ValidationErrorIds.WrongResourceType, error.ErrorId);
        Assert.Contains("Microsoft.Cache/redisEnterprise", error.Message);
    }

    [Fact]
    public void ADatabaseIdIsNotACacheId() =>
        Assert.Throws<System.ArgumentException>(() => CacheKind.Of(ResourceId.Parse($"/subscriptions/{Sub}/resourceGroups/rg/providers/Microsoft.Cache/redisEnterprise/amr1/databases/default")));
}

using System.Collections;
using System.Collections.Generic;
using RedisPrivateLink.Engine.Validation;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Validation;

public sealed class CacheSkuRulesTests
{
    [Theory]
    [InlineData("Basic", "C0", "Basic", "C", 0)]
    [InlineData("basic", "250MB", "Basic", "C", 0)]
    [InlineData("Standard", "1GB", "Standard", "C", 1)]
    [InlineData("STANDARD", "2.5gb", "Standard", "C", 2)]
    [InlineData("Standard", "6GB", "Standard", "C", 3)]
    [InlineData("Standard", "13GB", "Standard", "C", 4)]
    [InlineData("Standard", "26GB", "Standard", "C", 5)]
    [InlineData("Standard", "53GB", "Standard", "C", 6)]
    [InlineData("Standard", "c6", "Standard", "C", 6)]
    [InlineData("Premium", "6GB", "Premium", "P", 1)]
    [InlineData("Premium", "13GB", "Premium", "P", 2)]
    [InlineData("Premium", "26GB", "Premium", "P", 3)]
    [InlineData("Premium", "53GB", "Premium", "P", 4)]
    [InlineData("premium", "120GB", "Premium", "P", 5)]
    [InlineData("Premium", "p3", "Premium", "P", 3)]
    public void SizesResolveTheWayAzRedisCacheAcceptsThem(string sku, string size, string name, string family, int capacity)
    {
        var resolved = CacheSkuRules.Resolve(sku, size);
        Assert.Equal(name, resolved.Name);
        Assert.Equal(family, resolved.Family);
        Assert.Equal(capacity, resolved.Capacity);
        Assert.Equal(family + capacity, resolved.Size);
    }

    [Theory]
    [InlineData("Free")]
    [InlineData("Enterprise")]
    [InlineData("")]
    public void UnknownSkuIsRefused(string sku) =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidCacheSku, () => CacheSkuRules.Resolve(sku, "C1"), $"'{sku}'");

    [Theory]
    [InlineData("Standard", "P1", "C0, C1, C2, C3, C4, C5, C6")]
    [InlineData("Basic", "120GB", "C0, C1, C2, C3, C4, C5, C6")]
    [InlineData("Premium", "C3", "P1, P2, P3, P4, P5")]
    [InlineData("Premium", "250MB", "P1, P2, P3, P4, P5")]
    [InlineData("Premium", "1GB", "P1, P2, P3, P4, P5")]
    [InlineData("Standard", "C7", "C0, C1, C2, C3, C4, C5, C6")]
    [InlineData("Standard", "1 GB", "C0, C1, C2, C3, C4, C5, C6")]
    [InlineData("Standard", "1024MB", "C0, C1, C2, C3, C4, C5, C6")]
    [InlineData("Premium", "P6", "P1, P2, P3, P4, P5")]
    public void SizeOutsideTheSkuFamilyIsRefusedWithTheValidList(string sku, string size, string validList)
    {
        var error = ValidationAssert.Throws(ValidationErrorIds.InvalidCacheSize, () => CacheSkuRules.Resolve(sku, size), $"'{size}'");
        Assert.Contains(validList, error.Message);
        Assert.Equal("Size", error.ParameterName);
    }

    [Fact]
    public void MissingSizeIsRefused() =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidCacheSize, () => CacheSkuRules.Resolve("Standard", null), "(none)");

    [Fact]
    public void PremiumAcceptsAllPremiumFeatures() =>
        CacheSkuRules.ValidateFeatures(CacheSkuRules.Resolve("Premium", "P1"), new CacheFeatures
        {
            ShardCount = 3,
            RedisConfiguration = new Dictionary<string, string> { ["rdb-backup-enabled"] = "true" },
            SubnetId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/s",
            Zones = new[] { "1", "2" },
            MinimumTlsVersion = "1.2",
        });

    [Fact]
    public void StandardWithoutPremiumFeaturesPasses() =>
        CacheSkuRules.ValidateFeatures(CacheSkuRules.Resolve("Standard", "C1"), new CacheFeatures
        {
            RedisConfiguration = new Dictionary<string, string> { ["maxmemory-policy"] = "allkeys-lru" },
            Zones = new[] { "1" },
        });

    [Fact]
    public void ShardCountOnStandardNamesTheFeature() =>
        ValidationAssert.Throws(ValidationErrorIds.PremiumFeatureRequiresPremiumSku,
            () => CacheSkuRules.ValidateFeatures(CacheSkuRules.Resolve("Standard", "C1"), new CacheFeatures { ShardCount = 2 }), "ShardCount");

    [Theory]
    [InlineData("rdb-backup-enabled")]
    [InlineData("rdb-backup-frequency")]
    [InlineData("rdb-backup-max-snapshot-count")]
    [InlineData("rdb-storage-connection-string")]
    [InlineData("aof-backup-enabled")]
    [InlineData("aof-storage-connection-string-0")]
    [InlineData("AOF-storage-connection-string-1")]
    public void PersistenceKeysOnBasicOrStandardNameTheKey(string key)
    {
        foreach (var sku in new[] { "Basic", "Standard" })
        {
            var error = ValidationAssert.Throws(ValidationErrorIds.PremiumFeatureRequiresPremiumSku,
                () => CacheSkuRules.ValidateFeatures(CacheSkuRules.Resolve(sku, "C1"), new CacheFeatures
                {
                    RedisConfiguration = new Dictionary<string, string> { [key] = "AccountKey=c2VjcmV0" },
                }), key);
            Assert.DoesNotContain("c2VjcmV0", error.Message);
        }
    }

    [Fact]
    public void VNetInjectionOnStandardIsRefused() =>
        ValidationAssert.Throws(ValidationErrorIds.PremiumFeatureRequiresPremiumSku,
            () => CacheSkuRules.ValidateFeatures(CacheSkuRules.Resolve("Standard", "C1"), new CacheFeatures { SubnetId = "/subscriptions/x" }), "SubnetId");

    [Fact]
    public void ZonesOnBasicAreRefused() =>
        ValidationAssert.Throws(ValidationErrorIds.ZonesRequireStandardOrPremium,
            () => CacheSkuRules.ValidateFeatures(CacheSkuRules.Resolve("Basic", "C1"), new CacheFeatures { Zones = new[] { "1", "2" } }), "1, 2");

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(-1)]
    public void ShardCountOutsideOneToThirtyIsRefused(int shardCount) =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidShardCount,
            () => CacheSkuRules.ValidateFeatures(CacheSkuRules.Resolve("Premium", "P1"), new CacheFeatures { ShardCount = shardCount }), shardCount.ToString());

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    public void ShardCountBoundsPass(int shardCount) =>
        CacheSkuRules.ValidateFeatures(CacheSkuRules.Resolve("Premium", "P1"), new CacheFeatures { ShardCount = shardCount });

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.1")]
    [InlineData("1.3")]
    [InlineData("")]
    public void MinimumTlsVersionOtherThan12IsRefused(string version) =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidMinimumTlsVersion,
            () => CacheSkuRules.ValidateFeatures(CacheSkuRules.Resolve("Standard", "C1"), new CacheFeatures { MinimumTlsVersion = version }), $"'{version}'");

    [Fact]
    public void RedisConfigurationStringsPassThroughIncludingUnknownKeys()
    {
        var result = CacheSkuRules.ValidateRedisConfiguration(new Hashtable { ["maxmemory-policy"] = "allkeys-lru", ["some-future-setting"] = "on" });
        Assert.Equal("allkeys-lru", result["MAXMEMORY-POLICY"]);
        Assert.Equal("on", result["some-future-setting"]);
        Assert.Empty(CacheSkuRules.ValidateRedisConfiguration(null));
    }

    [Fact]
    public void NonStringRedisConfigurationValueIsRefusedNamingTheKey() =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidRedisConfiguration,
            () => CacheSkuRules.ValidateRedisConfiguration(new Hashtable { ["maxmemory-reserved"] = 50 }), "'maxmemory-reserved'");

    [Fact]
    public void NonStringKeyIsRefused() =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidRedisConfiguration,
            () => CacheSkuRules.ValidateRedisConfiguration(new Hashtable { [42] = "x" }), "'42'");

    [Fact]
    public void KeysDifferingOnlyInCaseAreRefused() =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidRedisConfiguration,
            () => CacheSkuRules.ValidateRedisConfiguration(new Hashtable(System.StringComparer.Ordinal) { ["maxmemory-policy"] = "a", ["MaxMemory-Policy"] = "b" }));

    [Fact]
    public void NonStringSecretValueIsNotEchoed()
    {
        var error = ValidationAssert.Throws(ValidationErrorIds.InvalidRedisConfiguration,
            () => CacheSkuRules.ValidateRedisConfiguration(new Hashtable { ["rdb-storage-connection-string"] = new[] { "AccountKey=c2VjcmV0" } }));
        Assert.DoesNotContain("c2VjcmV0", error.Message);
        Assert.DoesNotContain("String[]", error.Message);
    }

    [Theory]
    [InlineData("rdb-storage-connection-string", true)]
    [InlineData("aof-storage-connection-string-0", true)]
    [InlineData("AOF-STORAGE-CONNECTION-STRING-1", true)]
    [InlineData("rdb-backup-enabled", false)]
    [InlineData("maxmemory-policy", false)]
    [InlineData(null, false)]
    public void SecretKeysAreRecognised(string? key, bool isSecret) =>
        Assert.Equal(isSecret, CacheSkuRules.IsSecretConfigurationKey(key));
}

using System.Linq;
using RedisPrivateLink.Engine.Validation;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Validation;

public class ManagedRedisSkuRulesTests
{
    [Theory]
    [InlineData("Balanced_B0")]
    [InlineData("balanced_b5")]
    [InlineData("Balanced_B1000")]
    [InlineData("MemoryOptimized_M2000")]
    [InlineData("ComputeOptimized_X3")]
    [InlineData("FlashOptimized_A4500")]
    public void EveryTierParsesToItsCanonicalName(string sku) =>
        Assert.Equal(ManagedRedisSkuRules.SkuNames.Single(n => string.Equals(n, sku, System.StringComparison.OrdinalIgnoreCase)), ManagedRedisSkuRules.ParseSkuName(sku));

    [Theory]
    [InlineData("Standard")]
    [InlineData("Balanced_B2")]
    [InlineData("Enterprise_E10")]
    [InlineData("B5")]
    [InlineData("")]
    public void AnythingElseIsNotAManagedRedisSku(string sku)
    {
        Assert.False(ManagedRedisSkuRules.IsManagedRedisSku(sku));
        var error = Assert.Throws<ValidationException>(() => ManagedRedisSkuRules.ParseSkuName(sku));
        Assert.Equal((ValidationErrorIds.InvalidCacheSku, "Sku"), (error.ErrorId, error.ParameterName));
    }

    [Fact]
    public void DatabaseOptionsDefaultAndRefuseUnknownValues()
    {
        Assert.Equal(("OSSCluster", "VolatileLRU"), (ManagedRedisSkuRules.ParseClusteringPolicy(null), ManagedRedisSkuRules.ParseEvictionPolicy(null)));
        Assert.Equal("EnterpriseCluster", ManagedRedisSkuRules.ParseClusteringPolicy("enterprisecluster"));
        Assert.Equal(new[] { "RedisJSON", "RediSearch" }, ManagedRedisSkuRules.ParseModules(new[] { "redisjson", "RediSearch", "RedisJSON" }));
        Assert.Equal(ValidationErrorIds.InvalidClusteringPolicy, Assert.Throws<ValidationException>(() => ManagedRedisSkuRules.ParseClusteringPolicy("Sharded")).ErrorId);
        Assert.Equal(ValidationErrorIds.InvalidEvictionPolicy, Assert.Throws<ValidationException>(() => ManagedRedisSkuRules.ParseEvictionPolicy("LRU")).ErrorId);
        Assert.Equal(ValidationErrorIds.InvalidModule, Assert.Throws<ValidationException>(() => ManagedRedisSkuRules.ParseModules(new[] { "RedisGraph" })).ErrorId);
        Assert.Equal(("None", "AofAlways"), (ManagedRedisSkuRules.ParsePersistence(null), ManagedRedisSkuRules.ParsePersistence("aofalways")));
        Assert.Equal(ValidationErrorIds.InvalidPersistence, Assert.Throws<ValidationException>(() => ManagedRedisSkuRules.ParsePersistence("RdbEvery2h")).ErrorId);
    }

    /// <summary>Microsoft's published table (learn.microsoft.com/azure/redis/migrate/migrate-overview), same-or-more-memory choice first.</summary>
    [Theory]
    [InlineData("C0", "Balanced_B0", null)]
    [InlineData("C1", "Balanced_B1", null)]
    [InlineData("C2", "Balanced_B3", null)]
    [InlineData("C3", "Balanced_B5", null)]
    [InlineData("C4", "MemoryOptimized_M20", "MemoryOptimized_M10")]
    [InlineData("C5", "MemoryOptimized_M50", "MemoryOptimized_M20")]
    [InlineData("C6", "MemoryOptimized_M50", null)]
    [InlineData("P1", "Balanced_B5", null)]
    [InlineData("P2", "Balanced_B20", "Balanced_B10")]
    [InlineData("P3", "Balanced_B50", "Balanced_B20")]
    [InlineData("P4", "Balanced_B50", null)]
    [InlineData("P5", "Balanced_B100", null)]
    public void EveryClassicSizeMapsAsMicrosoftPublishes(string size, string sku, string? costEfficient)
    {
        var mapping = ManagedRedisSkuMapping.For(size.ToLowerInvariant());
        Assert.Equal((size, sku, costEfficient), (mapping.ClassicSize, mapping.ManagedRedisSku, mapping.CostEfficientSku));
        Assert.True(ManagedRedisSkuRules.IsManagedRedisSku(mapping.ManagedRedisSku));
        Assert.True(costEfficient is null || ManagedRedisSkuRules.IsManagedRedisSku(costEfficient));
    }

    [Fact]
    public void TheTableCoversEveryClassicSizeOnce() =>
        Assert.Equal(new[] { "C0", "C1", "C2", "C3", "C4", "C5", "C6", "P1", "P2", "P3", "P4", "P5" }, ManagedRedisSkuMapping.All.Select(m => m.ClassicSize));

    [Fact]
    public void TheAdviceNamesTheSkuTheCheaperChoiceAndBasicsMissingReplica()
    {
        Assert.Equal("-Sku Balanced_B1", ManagedRedisSkuMapping.For(CacheSkuRules.Resolve("Standard", "C1")).Advice(basic: false));
        Assert.Equal("-Sku Balanced_B20 (or -Sku Balanced_B10 if the cache's peak used memory fits it)", ManagedRedisSkuMapping.For("P2").Advice(basic: false));
        Assert.EndsWith("-HighAvailability Disabled (a Basic cache has no replica)", ManagedRedisSkuMapping.For("C0").Advice(basic: true));
    }
}

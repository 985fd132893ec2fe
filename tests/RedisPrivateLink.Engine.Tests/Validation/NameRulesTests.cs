using System.Collections.Generic;
using System.Linq;
using RedisPrivateLink.Engine.Validation;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Validation;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("my-cache")]
    [InlineData("Cache01")]
    [InlineData("a-b-c-1")]
    public void ValidCacheNamesPass(string name) => NameRules.ValidateCacheName(name);

    [Theory]
    [InlineData("my--cache")]
    [InlineData("-cache")]
    [InlineData("cache-")]
    [InlineData("my_cache")]
    [InlineData("my.cache")]
    [InlineData("café")]
    [InlineData("")]
    public void InvalidCacheNamesAreRefused(string name)
    {
        var error = ValidationAssert.Throws(ValidationErrorIds.InvalidCacheName, () => NameRules.ValidateCacheName(name), $"'{name}'");
        Assert.Equal("Name", error.ParameterName);
        Assert.Contains("no consecutive hyphens", error.Message);
    }

    [Fact]
    public void CacheNameOf64CharactersIsRefusedAnd63Passes()
    {
        NameRules.ValidateCacheName(new string('a', 63));
        ValidationAssert.Throws(ValidationErrorIds.InvalidCacheName, () => NameRules.ValidateCacheName(new string('a', 64)));
    }

    [Fact]
    public void MissingCacheNameIsRefused() =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidCacheName, () => NameRules.ValidateCacheName(null), "(none)");

    [Theory]
    [InlineData("rg")]
    [InlineData("my_rg.prod(1)")]
    [InlineData("rg-ünïcode")]
    [InlineData("資源群組")]
    [InlineData("a")]
    public void ValidResourceGroupNamesPass(string name) => NameRules.ValidateResourceGroupName(name);

    [Theory]
    [InlineData("rg.")]
    [InlineData("rg name")]
    [InlineData("rg/x")]
    [InlineData("rg#1")]
    [InlineData("")]
    public void InvalidResourceGroupNamesAreRefused(string name) =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidResourceGroupName, () => NameRules.ValidateResourceGroupName(name), $"'{name}'");

    [Fact]
    public void ResourceGroupNameLengthLimitIs90()
    {
        NameRules.ValidateResourceGroupName(new string('r', 90));
        ValidationAssert.Throws(ValidationErrorIds.InvalidResourceGroupName, () => NameRules.ValidateResourceGroupName(new string('r', 91)));
    }

    [Theory]
    [InlineData("vnet1")]
    [InlineData("my.vnet-01_")]
    [InlineData("V2")]
    public void ValidVirtualNetworkNamesPass(string name) => NameRules.ValidateVirtualNetworkName(name);

    [Theory]
    [InlineData("v")]
    [InlineData("_vnet")]
    [InlineData("vnet-")]
    [InlineData("vnet.")]
    [InlineData("vnet 1")]
    [InlineData("vnet(1)")]
    public void InvalidVirtualNetworkNamesAreRefused(string name) =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidVirtualNetworkName, () => NameRules.ValidateVirtualNetworkName(name), $"'{name}'");

    [Fact]
    public void VirtualNetworkNameLengthLimitIs64()
    {
        NameRules.ValidateVirtualNetworkName(new string('v', 64));
        ValidationAssert.Throws(ValidationErrorIds.InvalidVirtualNetworkName, () => NameRules.ValidateVirtualNetworkName(new string('v', 65)));
    }

    [Theory]
    [InlineData("s")]
    [InlineData("default")]
    [InlineData("pe-subnet_")]
    public void ValidSubnetNamesPass(string name) => NameRules.ValidateSubnetName(name);

    [Theory]
    [InlineData("_")]
    [InlineData("-subnet")]
    [InlineData("subnet.")]
    [InlineData("sub/net")]
    [InlineData("")]
    public void InvalidSubnetNamesAreRefused(string name) =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidSubnetName, () => NameRules.ValidateSubnetName(name), $"'{name}'");

    [Fact]
    public void SubnetNameLengthLimitIs80()
    {
        NameRules.ValidateSubnetName(new string('s', 80));
        ValidationAssert.Throws(ValidationErrorIds.InvalidSubnetName, () => NameRules.ValidateSubnetName(new string('s', 81)));
    }

    [Theory]
    [InlineData("pe")]
    [InlineData("cache1-pe_")]
    public void ValidPrivateEndpointNamesPass(string name) => NameRules.ValidatePrivateEndpointName(name);

    [Theory]
    [InlineData("p")]
    [InlineData("pe-")]
    [InlineData(".pe")]
    public void InvalidPrivateEndpointNamesAreRefused(string name) =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidPrivateEndpointName, () => NameRules.ValidatePrivateEndpointName(name), $"'{name}'");

    [Fact]
    public void ValidTagsPass() =>
        NameRules.ValidateTags(new Dictionary<string, string?> { ["env"] = "prod", ["owner"] = null, [new string('n', 512)] = new string('v', 256) });

    [Fact]
    public void NullTagsPass() => NameRules.ValidateTags(null);

    [Theory]
    [InlineData("cost<center", "'<'")]
    [InlineData("a>b", "'>'")]
    [InlineData("100%", "'%'")]
    [InlineData("r&d", "'&'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("what?", "'?'")]
    [InlineData("team/app", "'/'")]
    public void TagNamesWithForbiddenCharactersAreRefused(string name, string character)
    {
        var error = ValidationAssert.Throws(ValidationErrorIds.InvalidTag,
            () => NameRules.ValidateTags(new Dictionary<string, string?> { [name] = "x" }), name);
        Assert.Contains(character, error.Message);
    }

    [Fact]
    public void TagNameLongerThan512IsRefused() =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidTag,
            () => NameRules.ValidateTags(new Dictionary<string, string?> { [new string('n', 513)] = "x" }), "513");

    [Fact]
    public void TagValueLongerThan256IsRefusedNamingTheTag() =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidTag,
            () => NameRules.ValidateTags(new Dictionary<string, string?> { ["env"] = new string('v', 257) }), "'env'");

    [Fact]
    public void EmptyTagNameIsRefused() =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidTag,
            () => NameRules.ValidateTags(new[] { new KeyValuePair<string, string?>(" ", "x") }));

    [Fact]
    public void TagNamesDifferingOnlyInCaseAreRefused() =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidTag,
            () => NameRules.ValidateTags(new[] { new KeyValuePair<string, string?>("Env", "a"), new KeyValuePair<string, string?>("env", "b") }), "'env'");

    [Fact]
    public void MoreThan50TagsAreRefusedAnd50Pass()
    {
        NameRules.ValidateTags(Enumerable.Range(0, 50).Select(i => new KeyValuePair<string, string?>($"t{i}", "v")));
        ValidationAssert.Throws(ValidationErrorIds.InvalidTag,
            () => NameRules.ValidateTags(Enumerable.Range(0, 51).Select(i => new KeyValuePair<string, string?>($"t{i}", "v"))), "51");
    }
}

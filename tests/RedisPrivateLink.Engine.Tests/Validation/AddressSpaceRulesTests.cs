using System;
using RedisPrivateLink.Engine.Validation;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Validation;

public sealed class AddressSpaceRulesTests
{
    private static readonly Cidr[] AddressSpace = { Cidr.Parse("10.0.0.0/16"), Cidr.Parse("10.1.0.0/24") };

    private static readonly (string Name, Cidr Prefix)[] ExistingSubnets =
    {
        ("default", Cidr.Parse("10.0.0.0/24")),
        ("apps", Cidr.Parse("10.0.4.0/22")),
    };

    [Theory]
    [InlineData("10.0.1.0/24")]
    [InlineData("10.0.2.0/29")]
    [InlineData("10.1.0.0/24")]
    public void SubnetInsideTheSpaceAndClearOfOthersPasses(string prefix) =>
        AddressSpaceRules.ValidateSubnet(Cidr.Parse(prefix), AddressSpace, ExistingSubnets);

    [Theory]
    [InlineData("10.2.0.0/24")]
    [InlineData("10.1.0.0/23")]
    [InlineData("fd00::/64")]
    public void SubnetOutsideTheSpaceIsRefusedListingTheSpace(string prefix)
    {
        var error = ValidationAssert.Throws(ValidationErrorIds.SubnetOutsideAddressSpace,
            () => AddressSpaceRules.ValidateSubnet(Cidr.Parse(prefix), AddressSpace, ExistingSubnets), prefix);
        Assert.Contains("10.0.0.0/16, 10.1.0.0/24", error.Message);
    }

    [Fact]
    public void EmptyAddressSpaceContainsNothing() =>
        ValidationAssert.Throws(ValidationErrorIds.SubnetOutsideAddressSpace,
            () => AddressSpaceRules.ValidateSubnet(Cidr.Parse("10.0.1.0/24"), Array.Empty<Cidr>(), ExistingSubnets), "(none)");

    [Theory]
    [InlineData("10.0.0.128/25", "default")]
    [InlineData("10.0.0.0/23", "default")]
    [InlineData("10.0.6.0/24", "apps")]
    public void SubnetOverlappingAnotherIsRefusedNamingIt(string prefix, string other) =>
        ValidationAssert.Throws(ValidationErrorIds.SubnetOverlapsExistingSubnet,
            () => AddressSpaceRules.ValidateSubnet(Cidr.Parse(prefix), AddressSpace, ExistingSubnets), $"'{other}'");

    [Theory]
    [InlineData("10.0.2.0/30")]
    [InlineData("10.0.2.0/32")]
    public void SubnetSmallerThanSlash29IsRefused(string prefix)
    {
        var error = ValidationAssert.Throws(ValidationErrorIds.SubnetTooSmall,
            () => AddressSpaceRules.ValidateSubnet(Cidr.Parse(prefix), AddressSpace, ExistingSubnets), prefix);
        Assert.Contains("/29", error.Message);
    }
}

using RedisPrivateLink.Engine.Validation;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Validation;

public sealed class LocationRulesTests
{
    [Theory]
    [InlineData("East US", "eastus")]
    [InlineData("eastus", "eastus")]
    [InlineData("EASTUS", "eastus")]
    [InlineData(" West Europe ", "westeurope")]
    [InlineData("East US 2", "eastus2")]
    public void LocationsNormalizeToArmForm(string location, string normalized) =>
        Assert.Equal(normalized, LocationRules.Normalize(location));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("east-us")]
    [InlineData("eastus/")]
    public void InvalidLocationsAreRefused(string location) =>
        ValidationAssert.Throws(ValidationErrorIds.InvalidLocation, () => LocationRules.Normalize(location), $"'{location}'");

    [Theory]
    [InlineData("East US", "eastus", true)]
    [InlineData("eastus", "eastus2", false)]
    [InlineData("eastus", null, false)]
    [InlineData("bad-name", "bad-name", false)]
    public void AreSameComparesNormalizedForms(string? first, string? second, bool expected) =>
        Assert.Equal(expected, LocationRules.AreSame(first, second));
}

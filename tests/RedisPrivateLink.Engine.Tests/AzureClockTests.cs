using System;
using Xunit;

namespace RedisPrivateLink.Engine.Tests;

public class AzureClockTests
{
    [Fact]
    public void ScalesAnAzureDurationToItsPace()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), AzureClock.Azure.Scale(TimeSpan.FromMinutes(30)));
        Assert.Equal(TimeSpan.FromSeconds(1.8), new AzureClock(0.001).Scale(TimeSpan.FromMinutes(30)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(2)]
    [InlineData(double.NaN)]
    public void RefusesScalesOutsideZeroToOne(double scale) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AzureClock(scale));

    [Fact]
    public void ShowsItsPaceRatherThanItsTypeName()
    {
        Assert.Equal("Azure's pace", AzureClock.Azure.ToString());
        Assert.Equal("0.001 of Azure's pace", new AzureClock(0.001).ToString());
    }
}

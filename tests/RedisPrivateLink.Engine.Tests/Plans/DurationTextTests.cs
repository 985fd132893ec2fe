using System;
using RedisPrivateLink.Engine.Plans;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Plans;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0.0 s")]
    [InlineData(12.34, "12.3 s")]
    [InlineData(59.9, "59.9 s")]
    [InlineData(60, "1 min 0 s")]
    [InlineData(1024, "17 min 4 s")]
    public void DurationsReadNaturally(double seconds, string text) =>
        Assert.Equal(text, DurationText.Format(TimeSpan.FromSeconds(seconds)));
}

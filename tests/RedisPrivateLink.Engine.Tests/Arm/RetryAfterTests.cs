using System;
using System.Globalization;
using RedisPrivateLink.Engine.Arm;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

/// <summary>The one Retry-After reading the retry policy and the operation poller share.</summary>
public class RetryAfterTests
{
    [Theory]
    [InlineData("7", 7)]
    [InlineData("0", 0)]
    public void WholeSecondsAreTheWait(string header, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ArmRetryRules.RetryAfter(header));

    [Theory]
    [InlineData(null)]
    [InlineData("-3")]
    [InlineData("soon")]
    public void AnAbsentOrUnreadableHeaderAsksForNothing(string? header) =>
        Assert.Null(ArmRetryRules.RetryAfter(header));

    [Fact]
    public void AnHttpDateIsTheTimeLeftUntilIt()
    {
        var past = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("R", CultureInfo.InvariantCulture);
        var future = DateTimeOffset.UtcNow.AddMinutes(5).ToString("R", CultureInfo.InvariantCulture);

        Assert.Equal(TimeSpan.Zero, ArmRetryRules.RetryAfter(past));
        Assert.InRange(ArmRetryRules.RetryAfter(future)!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }
}

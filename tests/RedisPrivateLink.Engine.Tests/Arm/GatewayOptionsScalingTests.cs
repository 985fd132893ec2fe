using System;
using RedisPrivateLink.Engine.Arm;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

public class GatewayOptionsScalingTests
{
    [Fact]
    public void ScalesPollsAndBackoffButNotTheRetryCeiling()
    {
        var options = new ArmGatewayOptions();
        var ceiling = options.MaxRetryDelay;

        options.ScaleWaits(new AzureClock(0.01));

        Assert.Equal(TimeSpan.FromMilliseconds(20), options.PollingDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(150), options.RedisPollingDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(600), options.MaxPollingDelay);
        Assert.Equal(TimeSpan.FromMilliseconds(10), options.RetryDelay);
        Assert.Equal(ceiling, options.MaxRetryDelay);
    }

    [Fact]
    public void NeverScalesBelowTenMilliseconds()
    {
        var options = new ArmGatewayOptions();
        options.ScaleWaits(new AzureClock(0.000001));
        Assert.Equal(TimeSpan.FromMilliseconds(10), options.PollingDelay);
    }
}

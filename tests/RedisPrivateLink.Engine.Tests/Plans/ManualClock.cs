using System;
using System.Threading;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Plans;

/// <summary>A clock steps advance themselves, so durations in results are exact.</summary>
internal sealed class ManualClock
{
    private long _ticks;

    public TimeSpan Now => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

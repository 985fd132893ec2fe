namespace RedisPrivateLink.Emulator.Tests.Infrastructure;

/// <summary>A clock that moves only when a test says so: provisioning and throttling progress without sleeping.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

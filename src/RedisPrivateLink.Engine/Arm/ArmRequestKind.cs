namespace RedisPrivateLink.Engine.Arm;

/// <summary>What a request is for, as <see cref="ArmRequestCounters"/> counts it.</summary>
internal enum ArmRequestKind
{
    Read,
    Write,
    Delete,
    Poll,
}

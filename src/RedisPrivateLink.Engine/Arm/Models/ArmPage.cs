using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>One page of an ARM list: the items and the link to the next page.</summary>
public sealed class ArmPage<T>
{
    public IList<T>? Value { get; set; }
    public string? NextLink { get; set; }
}

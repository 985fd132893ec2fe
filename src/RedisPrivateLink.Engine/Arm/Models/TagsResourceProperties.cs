using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Arm.Models;

/// <summary>The <c>properties</c> of a <see cref="TagsResource"/>: the scope's tags.</summary>
public sealed class TagsResourceProperties
{
    public IDictionary<string, string>? Tags { get; set; }
}

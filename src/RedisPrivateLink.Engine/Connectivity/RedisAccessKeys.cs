namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>The body of a cache's listKeys answer. A secret: only <see cref="AccessKeyReader"/> reads it.</summary>
internal sealed class RedisAccessKeys
{
    public string? PrimaryKey { get; set; }

    public string? SecondaryKey { get; set; }
}

using System;

namespace RedisPrivateLink.Engine;

/// <summary>
/// Input or state the module refuses, with a stable <see cref="ErrorId"/> (cmdlets use it as FullyQualifiedErrorId)
/// and a message that says what to change.
/// </summary>
public sealed class RedisPrivateLinkException : Exception
{
    public RedisPrivateLinkException(string errorId, RedisPrivateLinkErrorCategory category, string message, string? target = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Category = category;
        Target = target;
    }

    /// <summary>A stable identifier such as SubscriptionNotFound or AmbiguousSubscription.</summary>
    public string ErrorId { get; }

    public RedisPrivateLinkErrorCategory Category { get; }

    /// <summary>What the error is about (a subscription, a file path), for the error record's target object.</summary>
    public string? Target { get; }
}

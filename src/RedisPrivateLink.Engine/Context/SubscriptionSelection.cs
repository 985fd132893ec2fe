using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Context;

/// <summary>What several -Subscription values chose: the subscriptions, in order, and an error for each value that chose none.</summary>
internal sealed class SubscriptionSelection
{
    public SubscriptionSelection(IReadOnlyList<Subscription> subscriptions, IReadOnlyList<RedisPrivateLinkException> errors)
    {
        Subscriptions = subscriptions;
        Errors = errors;
    }

    public IReadOnlyList<Subscription> Subscriptions { get; }

    public IReadOnlyList<RedisPrivateLinkException> Errors { get; }
}

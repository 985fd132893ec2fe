using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Landing zones spread one job over several subscriptions (the DNS zone in the hub, the network in a spoke, the cache
/// in an application subscription), so an id parameter may name any subscription the credential can see. A read under
/// a subscription ARM does not know for this credential answers 404 like a missing resource; reading the subscription
/// first tells the two apart, so the error names the subscription and the parameter instead of a resource that "does
/// not exist". One read per subscription and gateway: a fleet piped from one subscription costs one read, not one per cache.
/// </summary>
internal static class SubscriptionAccess
{
    private static readonly ConditionalWeakTable<IArmGateway, ConcurrentDictionary<string, bool>> Visible = new();

    /// <summary>Nothing when <paramref name="resourceId"/> is in the context's subscription or one the credential can see.</summary>
    /// <param name="parameterName">The parameter that named the id, for the message (without the dash).</param>
    /// <exception cref="RedisPrivateLinkException">SubscriptionNotFound.</exception>
    public static async Task RequireVisibleAsync(RedisPrivateLinkContext context, ResourceId resourceId, string parameterName, CancellationToken cancellationToken)
    {
        var subscriptionId = resourceId.SubscriptionId;
        if (string.Equals(subscriptionId, context.SubscriptionId, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var arm = context.GetArmGateway();
        var known = Visible.GetValue(arm, _ => new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase));
        if (known.ContainsKey(subscriptionId))
        {
            return;
        }

        if (await arm.GetSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.SubscriptionNotFound, RedisPrivateLinkErrorCategory.ObjectNotFound,
                $"Subscription {subscriptionId}, named by -{parameterName} ('{resourceId}'), does not exist or {context.Account} cannot see it. Check the id (Get-AzSubscription lists the subscriptions a credential can see), or have a role there assigned to {context.Account}.",
                resourceId.ToString());
        }

        known[subscriptionId] = true;
    }
}

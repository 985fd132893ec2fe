using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Context;

/// <summary>Chooses the subscription a context works in, from what the signed-in account can see.</summary>
internal static class SubscriptionResolver
{
    /// <summary>
    /// By id: GET the subscription. By name: list and match the display name, ignoring case. Neither: the only enabled
    /// subscription. Anything else is a RedisPrivateLinkException that names the choices.
    /// </summary>
    internal static async Task<Subscription> ResolveAsync(IArmGateway gateway, string? subscription, string? tenant, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(subscription) && Guid.TryParse(subscription, out _))
        {
            return await gateway.GetSubscriptionAsync(subscription!.Trim(), cancellationToken).ConfigureAwait(false)
                ?? throw new RedisPrivateLinkException("SubscriptionNotFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                    $"Subscription '{subscription}' was not found, or the signed-in account cannot see it. Check the id, or pass -Tenant for the directory it belongs to.", subscription);
        }

        var all = (await gateway.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(s.TenantId) || s.TenantId!.Equals(tenant, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (!string.IsNullOrWhiteSpace(subscription))
        {
            var named = all.Where(s => string.Equals(s.DisplayName, subscription!.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            return named.Count switch
            {
                1 => named[0],
                0 => throw new RedisPrivateLinkException("SubscriptionNotFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                    $"No subscription is named '{subscription}'. Available: {Describe(all)}.", subscription),
                _ => throw new RedisPrivateLinkException("AmbiguousSubscription", RedisPrivateLinkErrorCategory.InvalidArgument,
                    $"{named.Count} subscriptions are named '{subscription}': {Describe(named)}. Pass the subscription id instead.", subscription),
            };
        }

        var enabled = all.Where(s => string.Equals(s.State, "Enabled", StringComparison.OrdinalIgnoreCase)).ToList();
        return enabled.Count switch
        {
            1 => enabled[0],
            0 => throw new RedisPrivateLinkException("NoSubscriptionFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                "The signed-in account has no enabled subscription. Sign in with an account that has access, or pass -Tenant for another directory."),
            _ => throw new RedisPrivateLinkException("SubscriptionRequired", RedisPrivateLinkErrorCategory.InvalidArgument,
                $"The account can use {enabled.Count} subscriptions: {Describe(enabled)}. Choose one with -Subscription."),
        };
    }

    private static string Describe(IEnumerable<Subscription> subscriptions)
    {
        var names = subscriptions.Select(s => $"'{s.DisplayName}' ({s.SubscriptionId})").ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}

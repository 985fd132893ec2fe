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
            .Where(s => InTenant(s, tenant))
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

    /// <summary>
    /// The subscriptions several -Subscription values name, in the order given, each once: an id matches any
    /// subscription the account can see; a display name (ignoring case) or a pattern (<paramref name="patternOf"/>
    /// gives a matcher for a value holding wildcards, else null) those of <paramref name="tenant"/>, a pattern only
    /// active ones (Enabled, Warned or PastDue: Azure still runs their resources), by name or id; a value that is some
    /// subscription's whole name ("Prod [EU]") is that name, not a pattern. GET /subscriptions is
    /// read once. A value that names none (a pattern may match none) or a name several subscriptions share is an error
    /// of its own in <see cref="SubscriptionSelection.Errors"/>; the others are still chosen.
    /// </summary>
    internal static async Task<SubscriptionSelection> ResolveManyAsync(IArmGateway gateway, IReadOnlyList<string> asked, string? tenant, Func<string, Func<string, bool>?> patternOf, CancellationToken cancellationToken)
    {
        var all = await gateway.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        var inTenant = all.Where(s => InTenant(s, tenant)).ToList();
        var chosen = new List<Subscription>();
        var errors = new List<RedisPrivateLinkException>();
        foreach (var value in asked.Select(a => a.Trim()))
        {
            IReadOnlyList<Subscription> matches;
            if (Guid.TryParse(value, out _))
            {
                matches = all.Where(s => string.Equals(s.SubscriptionId, value, StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count == 0)
                {
                    errors.Add(new RedisPrivateLinkException("SubscriptionNotFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                        $"Subscription '{value}' was not found, or the signed-in account cannot see it. Available: {Describe(inTenant)}.", value));
                }
            }
            else if (patternOf(value) is { } pattern && !inTenant.Any(s => string.Equals(s.DisplayName, value, StringComparison.OrdinalIgnoreCase)))
            {
                matches = inTenant.Where(s => IsActive(s) && (pattern(s.DisplayName ?? string.Empty) || pattern(s.SubscriptionId ?? string.Empty))).ToList();
            }
            else
            {
                matches = inTenant.Where(s => string.Equals(s.DisplayName, value, StringComparison.OrdinalIgnoreCase)).ToList();
                if (matches.Count == 0)
                {
                    errors.Add(new RedisPrivateLinkException("SubscriptionNotFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                        $"No subscription is named '{value}'. Available: {Describe(inTenant)}.", value));
                }
                else if (matches.Count > 1)
                {
                    errors.Add(new RedisPrivateLinkException("AmbiguousSubscription", RedisPrivateLinkErrorCategory.InvalidArgument,
                        $"{matches.Count} subscriptions are named '{value}': {Describe(matches)}. Pass the subscription id instead.", value));
                    matches = Array.Empty<Subscription>();
                }
            }

            chosen.AddRange(matches.Where(m => !chosen.Any(c => string.Equals(c.SubscriptionId, m.SubscriptionId, StringComparison.OrdinalIgnoreCase))));
        }

        return new SubscriptionSelection(chosen, errors);
    }

    private static bool InTenant(Subscription subscription, string? tenant) =>
        string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(subscription.TenantId) || subscription.TenantId!.Equals(tenant, StringComparison.OrdinalIgnoreCase);

    private static bool IsActive(Subscription subscription) =>
        subscription.State is { } state
        && (state.Equals("Enabled", StringComparison.OrdinalIgnoreCase) || state.Equals("Warned", StringComparison.OrdinalIgnoreCase) || state.Equals("PastDue", StringComparison.OrdinalIgnoreCase));

    private static string Describe(IEnumerable<Subscription> subscriptions)
    {
        var names = subscriptions.Select(s => $"'{s.DisplayName}' ({s.SubscriptionId})").ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}

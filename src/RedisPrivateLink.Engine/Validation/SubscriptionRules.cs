using System;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>Subscriptions named on the command line.</summary>
public static class SubscriptionRules
{
    /// <summary>The ids, canonical and without repeats; null for none.</summary>
    /// <exception cref="ValidationException">InvalidSubscriptionId: one is not a GUID.</exception>
    public static IReadOnlyCollection<string>? ParseIds(IEnumerable<string>? subscriptionIds, string parameterName)
    {
        if (subscriptionIds is null)
        {
            return null;
        }

        var ids = new List<string>();
        foreach (var value in subscriptionIds)
        {
            if (!Guid.TryParse(value, out var id))
            {
                throw new ValidationException(ValidationErrorIds.InvalidSubscriptionId, parameterName,
                    $"Subscription {NameRules.Quote(value)} is not a subscription id. Give ids (GUIDs such as 11111111-1111-1111-1111-111111111111); Get-AzSubscription or 'az account list' shows them.");
            }

            ids.Add(id.ToString("D"));
        }

        return ids.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}

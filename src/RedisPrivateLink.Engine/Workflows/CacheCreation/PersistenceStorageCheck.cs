using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Refuses persistence to a storage account behind a firewall: Azure documents persistence to firewall-protected
/// storage as unsupported for caches that use private endpoints. Only account names reach messages, never the
/// connection strings, which carry keys.
/// </summary>
internal static class PersistenceStorageCheck
{
    public static async Task RequireReachableAsync(IArmGateway arm, string subscriptionId, IReadOnlyDictionary<string, string> redisConfiguration, ICollection<string> notices, CancellationToken cancellationToken)
    {
        var references = PersistenceRules.GetStorageAccounts(redisConfiguration);
        if (references.Count == 0)
        {
            return;
        }

        // A connection string names the account but not its resource group, so look it up in the subscription's list.
        var accounts = await arm.ListAsync<StorageAccount>($"/subscriptions/{subscriptionId}/providers/Microsoft.Storage/storageAccounts", cancellationToken).ConfigureAwait(false);
        foreach (var reference in references)
        {
            var account = accounts.FirstOrDefault(a => string.Equals(a.Name, reference.AccountName, StringComparison.OrdinalIgnoreCase));
            if (account is null)
            {
                notices.Add($"Storage account '{reference.AccountName}' (redisConfiguration '{reference.ConfigurationKey}') is not in subscription {subscriptionId}, so its firewall could not be checked. Persistence to a storage account behind a firewall is not supported for caches with private endpoints.");
                continue;
            }

            var properties = account.Properties;
            var denies = string.Equals(properties?.NetworkAcls?.DefaultAction, "Deny", StringComparison.OrdinalIgnoreCase);
            var closed = string.Equals(properties?.PublicNetworkAccess, "Disabled", StringComparison.OrdinalIgnoreCase);
            if (denies || closed)
            {
                var why = closed ? "its public network access is Disabled" : "its firewall denies by default (networkAcls.defaultAction Deny)";
                throw new RedisPrivateLinkException(WorkflowErrorIds.PersistenceStorageFirewallUnsupported, RedisPrivateLinkErrorCategory.InvalidOperation,
                    $"Persistence (redisConfiguration '{reference.ConfigurationKey}') writes to storage account '{reference.AccountName}', and {why}. Azure does not support persistence to firewall-protected storage for a cache with private endpoints. Use a storage account that allows public network access, or leave persistence out.",
                    account.Id);
            }
        }
    }
}

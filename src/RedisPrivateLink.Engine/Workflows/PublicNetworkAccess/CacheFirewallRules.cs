using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>The firewall rules of a cache (Microsoft.Cache/redis/firewallRules), which limit public access to address ranges.</summary>
internal static class CacheFirewallRules
{
    /// <summary>How many rules the cache has. Callers have just read the cache, so a 404 means no rules collection: none.</summary>
    public static async Task<int> CountAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken)
    {
        try
        {
            var rules = await arm.ListAsync<JsonElement>(cacheId + "/firewallRules", cancellationToken).ConfigureAwait(false);
            return rules.Count;
        }
        catch (ArmException e) when (e.Status == 404)
        {
            return 0;
        }
    }
}

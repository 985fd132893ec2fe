using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Caches and endpoints in the states the public access, removal and approval workflows act on.</summary>
internal static class PrivateLinkArrangements
{
    /// <summary>The manual endpoint <see cref="AddManualEndpointAsync"/> creates for cache1.</summary>
    public const string ManualEndpointName = "cache1-pe-vnet2";

    public const string ManualEndpointGroup = "rg-spoke";

    /// <summary>cache1 with public network access Enabled and no private endpoint.</summary>
    public static async Task CreateCacheWithoutEndpointsAsync(WorkflowScenario scenario)
    {
        await scenario.CreateGroupAsync(WorkflowScenario.Group);
        await scenario.Arm.PutAsync(scenario.CacheId(), new RedisCache
        {
            Location = WorkflowScenario.Location,
            Properties = new RedisCacheProperties { Sku = new RedisSku { Name = "Standard", Family = "C", Capacity = 1 }, PublicNetworkAccess = "Enabled" },
        });
    }

    /// <summary>cache1 with public network access Enabled whose one endpoint waits for approval.</summary>
    public static async Task CreateCacheWithOnlyAPendingEndpointAsync(WorkflowScenario scenario)
    {
        await CreateCacheWithoutEndpointsAsync(scenario);
        await AddManualEndpointAsync(scenario);
    }

    /// <summary>A manually approved endpoint of cache1 in a new spoke network (vnet2 in rg-spoke), with its DNS zone group; it stays Pending.</summary>
    public static async Task AddManualEndpointAsync(WorkflowScenario scenario)
    {
        var request = new AddPrivateEndpointRequest
        {
            CacheId = scenario.CacheId().ToString(),
            VirtualNetworkName = "vnet2",
            VirtualNetworkResourceGroupName = ManualEndpointGroup,
            AddressPrefix = new[] { "10.1.0.0/16" },
            SubnetName = "endpoints",
            SubnetPrefix = "10.1.0.0/24",
            ManualApproval = true,
            RequestMessage = "Please approve: app team",
        };
        await WorkflowScenario.RunAsync(await scenario.PrepareAsync(request));
    }

    /// <summary>The name of cache1's connection from <paramref name="endpointName"/> (Azure names it &lt;endpoint&gt;.&lt;guid&gt;).</summary>
    public static async Task<string> ConnectionNameAsync(WorkflowScenario scenario, string endpointName)
    {
        var cache = await scenario.RequireAsync<RedisCache>(scenario.CacheId());
        return cache.Properties!.PrivateEndpointConnections!
            .Single(c => c.Properties!.PrivateEndpoint!.Id!.EndsWith("/" + endpointName, StringComparison.OrdinalIgnoreCase))
            .Name!;
    }
}

using System.Collections.Generic;
using System.Linq;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>What the workflows need to know about an existing private endpoint.</summary>
internal static class PrivateEndpoints
{
    public static IEnumerable<PrivateLinkServiceConnection> Connections(PrivateEndpoint endpoint) =>
        (endpoint.Properties?.PrivateLinkServiceConnections ?? new List<PrivateLinkServiceConnection>())
            .Concat(endpoint.Properties?.ManualPrivateLinkServiceConnections ?? new List<PrivateLinkServiceConnection>());

    /// <summary>True when one of the endpoint's connections, automatic or manual, points at the cache.</summary>
    public static bool ConnectsTo(PrivateEndpoint endpoint, ResourceId cacheId) =>
        Connections(endpoint).Any(c => ResourceId.TryParse(c.Properties?.PrivateLinkServiceId, out var target) && target == cacheId);

    public static string Targets(PrivateEndpoint endpoint)
    {
        var targets = Connections(endpoint).Select(c => c.Properties?.PrivateLinkServiceId).OfType<string>().ToList();
        return targets.Count == 0 ? "nothing" : string.Join(", ", targets);
    }

    public static bool IsFailed(PrivateEndpoint endpoint) => FailedProvisioning.IsFailed(endpoint.Properties?.ProvisioningState);

    public static RedisPrivateLinkException NameInUse(ResourceId endpointId, PrivateEndpoint endpoint, ResourceId cacheId) =>
        new(WorkflowErrorIds.PrivateEndpointNameInUse, RedisPrivateLinkErrorCategory.InvalidOperation,
            $"Private endpoint '{endpointId.Name}' already exists in resource group '{endpointId.ResourceGroupName}' and connects to {Targets(endpoint)}, not to cache '{cacheId.Name}'. Give another endpoint name.",
            endpointId.ToString());
}

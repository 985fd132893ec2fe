using System;
using System.Collections.Generic;
using System.Linq;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>What the workflows need to know about an existing private endpoint.</summary>
internal static class PrivateEndpoints
{
    /// <summary>
    /// Where an endpoint goes: in its virtual network's subscription, since "the private endpoint must be deployed in the
    /// same region and subscription as the virtual network" (Microsoft docs, "What is a private endpoint?"), the cache
    /// being in any; in <paramref name="resourceGroupName"/> when given, else the cache's group when the network shares
    /// the cache's subscription, else the network's group (the cache's group is not in that subscription).
    /// </summary>
    public static ResourceId IdFor(ResourceId virtualNetworkId, ResourceId cacheId, string? resourceGroupName, string endpointName)
    {
        var group = resourceGroupName
            ?? (string.Equals(virtualNetworkId.SubscriptionId, cacheId.SubscriptionId, StringComparison.OrdinalIgnoreCase) ? cacheId.ResourceGroupName! : virtualNetworkId.ResourceGroupName!);
        return ResourceId.ForResource(virtualNetworkId.SubscriptionId, group, ResourceIdRules.PrivateEndpointType, endpointName);
    }

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

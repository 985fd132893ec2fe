using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>What Add-RedisPrivateEndpoint was asked for: one more private endpoint for an existing cache.</summary>
public sealed class AddPrivateEndpointRequest : IEndpointNetworkParameters
{
    /// <summary>The full ARM id of the cache; or leave it null and give <see cref="CacheName"/> and <see cref="CacheResourceGroupName"/>.</summary>
    public string? CacheId { get; set; }

    /// <summary>The cache's name, of either kind (the lookup reads both); used when <see cref="CacheId"/> is null.</summary>
    public string? CacheName { get; set; }

    public string? CacheResourceGroupName { get; set; }

    /// <summary>An existing subnet for the endpoint; the alternative to <see cref="VirtualNetworkName"/> and <see cref="SubnetName"/>.</summary>
    public string? SubnetId { get; set; }

    public string? VirtualNetworkName { get; set; }

    /// <summary>Defaults to the cache's resource group.</summary>
    public string? VirtualNetworkResourceGroupName { get; set; }

    /// <summary>Required when the virtual network does not exist yet.</summary>
    public string[]? AddressPrefix { get; set; }

    public string? SubnetName { get; set; }

    /// <summary>Required when the subnet does not exist yet.</summary>
    public string? SubnetPrefix { get; set; }

    /// <summary>
    /// Private endpoint network policies for a subnet the plan creates (Disabled, Enabled, NetworkSecurityGroupEnabled,
    /// RouteTableEnabled); null sends none, so Azure's default applies. An existing subnet's are never changed.
    /// </summary>
    public string? PrivateEndpointNetworkPolicy { get; set; }

    /// <summary>
    /// The resolution policy (Default or NxDomainRedirect) of a zone link the plan creates; null sends none, so Azure's
    /// Default applies. An existing link is never changed.
    /// </summary>
    public string? ResolutionPolicy { get; set; }

    /// <summary>The region of a new virtual network; defaults to the cache's.</summary>
    public string? Location { get; set; }

    /// <summary>Defaults to "&lt;cache&gt;-pe-&lt;vnet&gt;".</summary>
    public string? Name { get; set; }

    /// <summary>The endpoint's resource group; defaults to the virtual network's.</summary>
    public string? ResourceGroupName { get; set; }

    /// <summary>Ask the cache's owner for approval instead of connecting at once.</summary>
    public bool ManualApproval { get; set; }

    public string? RequestMessage { get; set; }

    /// <summary>Where the cloud's private DNS zone lives; defaults to the cache's resource group, so every endpoint of a cache shares one zone.</summary>
    public string? PrivateDnsZoneResourceGroupName { get; set; }

    public string? PrivateDnsZoneId { get; set; }

    /// <summary>
    /// Landing zones: no private DNS zone, link or zone group from the plan; a DeployIfNotExists policy adds the
    /// endpoint's zone group, which the plan waits for (bounded) and checks.
    /// </summary>
    public bool PrivateDnsZoneGroupByPolicy { get; set; }

    public IDictionary<string, string>? Tags { get; set; }
}

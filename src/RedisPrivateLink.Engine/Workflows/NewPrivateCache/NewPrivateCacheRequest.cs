using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>What New-RedisPrivateCache was asked for: a cache reachable only through a private endpoint.</summary>
public sealed class NewPrivateCacheRequest : IEndpointNetworkParameters
{
    public string Name { get; set; } = string.Empty;

    /// <summary>The resource group of the cache, the endpoint and everything else the workflow creates.</summary>
    public string ResourceGroupName { get; set; } = string.Empty;

    public string Location { get; set; } = string.Empty;

    /// <summary>Classic or ManagedRedis; null: the kind <see cref="Sku"/> names (classic when it names none).</summary>
    public string? Kind { get; set; }

    /// <summary>
    /// Basic, Standard or Premium (classic), or an Azure Managed Redis SKU such as Balanced_B5. Null: Standard, or with
    /// <see cref="Kind"/> ManagedRedis the SKU Microsoft maps Standard C1 to (Balanced_B1).
    /// </summary>
    public string? Sku { get; set; }

    /// <summary>Classic only: C0-C6, P1-P5, or a memory size such as 1GB; null means C1.</summary>
    public string? Size { get; set; }

    /// <summary>An existing subnet for the endpoint; the alternative to <see cref="VirtualNetworkName"/> and <see cref="SubnetName"/>.</summary>
    public string? SubnetId { get; set; }

    /// <summary>A virtual network in <see cref="ResourceGroupName"/>, created when missing (then <see cref="AddressPrefix"/> is required).</summary>
    public string? VirtualNetworkName { get; set; }

    public string[]? AddressPrefix { get; set; }

    /// <summary>A subnet of <see cref="VirtualNetworkName"/>, added when missing (then <see cref="SubnetPrefix"/> is required).</summary>
    public string? SubnetName { get; set; }

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

    /// <summary>Defaults to "&lt;cache&gt;-pe".</summary>
    public string? PrivateEndpointName { get; set; }

    /// <summary>A resource group that already holds the cloud's private DNS zone (hub-and-spoke).</summary>
    public string? PrivateDnsZoneResourceGroupName { get; set; }

    /// <summary>The id of an existing private DNS zone named like the cloud's zone (hub-and-spoke).</summary>
    public string? PrivateDnsZoneId { get; set; }

    /// <summary>
    /// Landing zones: no private DNS zone, link or zone group from the plan; a DeployIfNotExists policy adds the
    /// endpoint's zone group, which the plan waits for (bounded) and checks.
    /// </summary>
    public bool PrivateDnsZoneGroupByPolicy { get; set; }

    public bool EnableNonSslPort { get; set; }

    public string MinimumTlsVersion { get; set; } = "1.2";

    public int? ShardCount { get; set; }

    public IDictionary<string, string>? RedisConfiguration { get; set; }

    public string[]? Zones { get; set; }

    public IDictionary<string, string>? Tags { get; set; }

    /// <summary>Managed Redis only: Enabled (the default) or Disabled.</summary>
    public string? HighAvailability { get; set; }

    /// <summary>Managed Redis only: OSSCluster (the default), EnterpriseCluster or NoCluster.</summary>
    public string? ClusteringPolicy { get; set; }

    /// <summary>Managed Redis only: VolatileLRU (the default) or another eviction policy.</summary>
    public string? EvictionPolicy { get; set; }

    /// <summary>Managed Redis only: Redis modules such as RedisJSON.</summary>
    public string[]? Modules { get; set; }

    /// <summary>Managed Redis only: None (the default), RdbEvery1h, RdbEvery6h, RdbEvery12h, AofEverySecond or AofAlways.</summary>
    public string? Persistence { get; set; }

    /// <summary>Managed Redis only: allow access keys besides Microsoft Entra ID (Azure creates databases with them off).</summary>
    public bool EnableAccessKeysAuthentication { get; set; }

    /// <summary>"Enabled" or "Disabled"; the safe default keeps the cache off the internet.</summary>
    public string PublicNetworkAccess { get; set; } = "Disabled";

    /// <summary>Start the cache create and return: the endpoint and its DNS follow on a later run, once the cache is ready.</summary>
    public bool NoWait { get; set; }
}

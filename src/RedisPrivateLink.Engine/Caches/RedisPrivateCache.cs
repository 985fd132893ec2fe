using System;
using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// A Redis cache of either kind (classic Azure Cache for Redis or Azure Managed Redis) with what decides where it can be reached from: public network access, VNet injection, and its
/// private endpoints. Carries Id, Name, ResourceGroupName and SubscriptionId so it pipes into the other cmdlets.
/// Holds no secrets: access keys are never read, and secret redis configuration values are redacted.
/// </summary>
public sealed class RedisPrivateCache
{
    /// <summary>What a secret configuration value is shown as.</summary>
    public const string RedactedValue = "<redacted>";

    internal RedisPrivateCache()
    {
    }

    public string Id { get; internal set; } = string.Empty;

    public string Name { get; internal set; } = string.Empty;

    public string ResourceGroupName { get; internal set; } = string.Empty;

    public string SubscriptionId { get; internal set; } = string.Empty;

    /// <summary>Normalized, e.g. eastus (the Redis provider answers "East US").</summary>
    public string Location { get; internal set; } = string.Empty;

    /// <summary>Classic (Azure Cache for Redis) or ManagedRedis (Azure Managed Redis): the <see cref="CacheKind.Name"/>.</summary>
    public string Kind { get; internal set; } = CacheKind.Classic.Name;

    /// <summary>Basic, Standard or Premium; for Managed Redis the SKU, e.g. Balanced_B5.</summary>
    public string Sku { get; internal set; } = string.Empty;

    /// <summary>Family and capacity, e.g. C1 or P1; for Managed Redis the size part of the SKU, e.g. B5.</summary>
    public string Size { get; internal set; } = string.Empty;

    public string SkuFamily { get; internal set; } = string.Empty;

    public int SkuCapacity { get; internal set; }

    public string HostName { get; internal set; } = string.Empty;

    /// <summary>The TLS port clients connect to: 6380 for classic caches, 10000 for Managed Redis.</summary>
    public int Port { get; internal set; }

    /// <summary>The TLS port as the classic provider names it; the same as <see cref="Port"/>.</summary>
    public int SslPort { get; internal set; }

    /// <summary>The non-TLS port, only when it is enabled.</summary>
    public int? NonSslPort { get; internal set; }

    public bool EnableNonSslPort { get; internal set; }

    public string? MinimumTlsVersion { get; internal set; }

    public string? RedisVersion { get; internal set; }

    public string ProvisioningState { get; internal set; } = string.Empty;

    /// <summary>Managed Redis only: Running when the cluster serves.</summary>
    public string? ResourceState { get; internal set; }

    /// <summary>Managed Redis only: Enabled (a replica, zone-redundant where the region has zones) or Disabled.</summary>
    public string? HighAvailability { get; internal set; }

    /// <summary>
    /// Enabled or Disabled. While a change is Updating, the provider still answers the old value. A Managed Redis
    /// cluster made before the setting existed states none: it is Disabled once it has a private endpoint.
    /// </summary>
    public string PublicNetworkAccess { get; internal set; } = string.Empty;

    /// <summary>The subnet of a VNet-injected cache; such a cache can't have private endpoints.</summary>
    public string? SubnetId { get; internal set; }

    public bool IsVNetInjected { get; internal set; }

    public int? ShardCount { get; internal set; }

    public string[] Zones { get; internal set; } = Array.Empty<string>();

    public IReadOnlyDictionary<string, string> Tags { get; internal set; } = new Dictionary<string, string>();

    public IReadOnlyList<RedisPrivateEndpoint> PrivateEndpoints { get; internal set; } = Array.Empty<RedisPrivateEndpoint>();

    public int PrivateEndpointCount { get; internal set; }

    /// <summary>The private IPs of the approved endpoints: where the cache answers privately.</summary>
    public string[] PrivateIpAddresses { get; internal set; } = Array.Empty<string>();

    /// <summary>
    /// The cache's redis configuration; values of secret keys (any key containing "connection-string", such as the
    /// persistence storage connection strings) are replaced by <see cref="RedactedValue"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> RedisConfiguration { get; internal set; } = new Dictionary<string, string>();

    public override string ToString() => Name;
}

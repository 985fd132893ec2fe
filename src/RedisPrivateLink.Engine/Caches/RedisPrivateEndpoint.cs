using System;
using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// A private endpoint that connects to a Redis cache, as seen from both sides: the network side (subnet, IP, DNS) and
/// the cache side (the connection and its approval state, which is authoritative).
/// </summary>
public sealed class RedisPrivateEndpoint
{
    internal RedisPrivateEndpoint()
    {
    }

    public string Id { get; internal set; } = string.Empty;

    public string Name { get; internal set; } = string.Empty;

    public string ResourceGroupName { get; internal set; } = string.Empty;

    public string SubscriptionId { get; internal set; } = string.Empty;

    /// <summary>Normalized, e.g. eastus; null when the endpoint itself could not be read (deleted, or in a subscription the credential can't see).</summary>
    public string? Location { get; internal set; }

    /// <summary>Null when the endpoint itself could not be read.</summary>
    public string? SubnetId { get; internal set; }

    /// <summary>The virtual network of <see cref="SubnetId"/>; null when the endpoint itself could not be read.</summary>
    public string? VirtualNetworkId { get; internal set; }

    public string? PrivateIpAddress { get; internal set; }

    /// <summary>The connection's name on the cache (<c>&lt;endpoint&gt;.&lt;guid&gt;</c>); its name on the endpoint when the cache has none (the cache was deleted).</summary>
    public string ConnectionName { get; internal set; } = string.Empty;

    /// <summary>Approved, Pending, Rejected or Disconnected.</summary>
    public string ConnectionState { get; internal set; } = string.Empty;

    public string? ConnectionDescription { get; internal set; }

    /// <summary>The endpoint's own provisioning state; null when the endpoint itself could not be read.</summary>
    public string? ProvisioningState { get; internal set; }

    /// <summary>True when the endpoint asked for approval (a manual connection) instead of being approved automatically.</summary>
    public bool IsManualConnection { get; internal set; }

    public string CacheId { get; internal set; } = string.Empty;

    public string CacheName { get; internal set; } = string.Empty;

    /// <summary>
    /// The names that must resolve to this endpoint. From the endpoint's DNS zone group (with <see cref="RedisPrivateDnsRecord.ZoneId"/>)
    /// in a single-cache or single-endpoint read; from the endpoint's customDnsConfigs (ZoneId null) in lists, which read no zone groups.
    /// </summary>
    public IReadOnlyList<RedisPrivateDnsRecord> DnsRecords { get; internal set; } = Array.Empty<RedisPrivateDnsRecord>();

    public override string ToString() => Name;
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>Turns ARM models into the output objects: names normalized, secrets left out or redacted.</summary>
internal static class CacheProjection
{
    private const int DefaultNonSslPort = 6379;

    /// <summary>What ARM assumes when a cache states no publicNetworkAccess (caches made before the property existed).</summary>
    private const string DefaultPublicNetworkAccess = "Enabled";

    private const string ApprovedState = "Approved";

    public static RedisPrivateCache ToCache(RedisCache cache, ResourceId id, IReadOnlyList<RedisPrivateEndpoint> endpoints)
    {
        var properties = cache.Properties ?? new RedisCacheProperties();
        var family = properties.Sku?.Family?.ToUpperInvariant() ?? string.Empty;
        var capacity = properties.Sku?.Capacity;
        var enableNonSslPort = properties.EnableNonSslPort ?? false;
        return new RedisPrivateCache
        {
            Id = id.ToString(),
            Name = id.Name,
            ResourceGroupName = id.ResourceGroupName ?? string.Empty,
            SubscriptionId = id.SubscriptionId,
            Location = AzureLocations.Normalize(cache.Location),
            Kind = CacheKind.Classic.Name,
            Sku = properties.Sku?.Name ?? string.Empty,
            Size = capacity is null ? string.Empty : family + capacity.Value.ToString(CultureInfo.InvariantCulture),
            SkuFamily = family,
            SkuCapacity = capacity ?? 0,
            HostName = properties.HostName ?? string.Empty,
            Port = properties.SslPort ?? CacheKind.Classic.TlsPort,
            SslPort = properties.SslPort ?? CacheKind.Classic.TlsPort,
            NonSslPort = enableNonSslPort ? properties.Port ?? DefaultNonSslPort : null,
            EnableNonSslPort = enableNonSslPort,
            MinimumTlsVersion = properties.MinimumTlsVersion,
            RedisVersion = properties.RedisVersion,
            ProvisioningState = properties.ProvisioningState ?? string.Empty,
            PublicNetworkAccess = properties.PublicNetworkAccess ?? DefaultPublicNetworkAccess,
            SubnetId = properties.SubnetId,
            IsVNetInjected = !string.IsNullOrEmpty(properties.SubnetId),
            ShardCount = properties.ShardCount,
            Zones = cache.Zones?.ToArray() ?? Array.Empty<string>(),
            Tags = CopyIgnoringCase(cache.Tags),
            PrivateEndpoints = endpoints,
            PrivateEndpointCount = endpoints.Count,
            PrivateIpAddresses = ApprovedAddresses(endpoints),
            RedisConfiguration = Redact(properties.RedisConfiguration),
        };
    }

    /// <summary>
    /// An Azure Managed Redis cluster. Its port is the database's, which is 10000 for every Managed Redis database, so
    /// lists need not read each cluster's database. <paramref name="publicNetworkAccess"/> is the value in effect.
    /// </summary>
    public static RedisPrivateCache ToManagedRedisCache(ManagedRedisCluster cluster, ResourceId id, string publicNetworkAccess, IReadOnlyList<RedisPrivateEndpoint> endpoints)
    {
        var properties = cluster.Properties ?? new ManagedRedisClusterProperties();
        var sku = cluster.Sku?.Name ?? string.Empty;
        var separator = sku.IndexOf('_');
        return new RedisPrivateCache
        {
            Id = id.ToString(),
            Name = id.Name,
            ResourceGroupName = id.ResourceGroupName ?? string.Empty,
            SubscriptionId = id.SubscriptionId,
            Location = AzureLocations.Normalize(cluster.Location),
            Kind = CacheKind.ManagedRedis.Name,
            Sku = sku,
            Size = separator < 0 ? sku : sku.Substring(separator + 1),
            SkuFamily = separator < 0 ? string.Empty : sku.Substring(0, separator),
            SkuCapacity = cluster.Sku?.Capacity ?? 0,
            HostName = properties.HostName ?? string.Empty,
            Port = CacheKind.ManagedRedis.TlsPort,
            SslPort = CacheKind.ManagedRedis.TlsPort,
            MinimumTlsVersion = properties.MinimumTlsVersion,
            RedisVersion = properties.RedisVersion,
            ProvisioningState = properties.ProvisioningState ?? string.Empty,
            ResourceState = properties.ResourceState,
            HighAvailability = properties.HighAvailability,
            PublicNetworkAccess = publicNetworkAccess,
            Zones = cluster.Zones?.ToArray() ?? Array.Empty<string>(),
            Tags = CopyIgnoringCase(cluster.Tags),
            PrivateEndpoints = endpoints,
            PrivateEndpointCount = endpoints.Count,
            PrivateIpAddresses = ApprovedAddresses(endpoints),
        };
    }

    /// <summary>
    /// One endpoint of one cache. The cache-side connection is authoritative for the approval state; the endpoint's own
    /// record of it stands in when the cache has none (deleted, or unreadable). <paramref name="snapshot"/> is null when
    /// the endpoint itself could not be read. <paramref name="zoneGroupRecords"/> are the DNS zone group's records, read
    /// only in single-item reads; without any, the records come from the endpoint's customDnsConfigs.
    /// </summary>
    public static RedisPrivateEndpoint ToEndpoint(
        ResourceId endpointId,
        ResourceId cacheId,
        PrivateEndpointConnection? cacheSide,
        EndpointSnapshot? snapshot,
        IReadOnlyList<RedisPrivateDnsRecord>? zoneGroupRecords)
    {
        var endpointSide = snapshot?.ConnectionTo(cacheId);
        var cacheSideState = cacheSide?.Properties?.PrivateLinkServiceConnectionState;
        return new RedisPrivateEndpoint
        {
            Id = (snapshot?.Id ?? endpointId).ToString(),
            Name = endpointId.Name,
            ResourceGroupName = endpointId.ResourceGroupName ?? string.Empty,
            SubscriptionId = endpointId.SubscriptionId,
            Location = snapshot?.Location,
            SubnetId = snapshot?.SubnetId,
            VirtualNetworkId = ResourceId.TryParse(snapshot?.SubnetId, out var subnetId) ? subnetId!.Parent?.ToString() : null,
            PrivateIpAddress = snapshot?.PrivateIpAddress,
            ConnectionName = cacheSide?.Name ?? endpointSide?.Name ?? string.Empty,
            ConnectionState = cacheSideState?.Status ?? endpointSide?.Status ?? string.Empty,
            ConnectionDescription = cacheSideState?.Description ?? endpointSide?.Description,
            ProvisioningState = snapshot?.ProvisioningState,
            IsManualConnection = endpointSide?.IsManual ?? false,
            CacheId = cacheId.ToString(),
            CacheName = cacheId.Name,
            DnsRecords = zoneGroupRecords is { Count: > 0 } ? zoneGroupRecords : snapshot?.DnsConfigRecords ?? Array.Empty<RedisPrivateDnsRecord>(),
        };
    }

    /// <summary>The endpoint a cache-side connection belongs to; null when the connection names none.</summary>
    public static ResourceId? EndpointIdOf(PrivateEndpointConnection connection) =>
        ResourceId.TryParse(connection.Properties?.PrivateEndpoint?.Id, out var id) ? id : null;

    private static string[] ApprovedAddresses(IReadOnlyList<RedisPrivateEndpoint> endpoints) =>
        endpoints
            .Where(e => string.Equals(e.ConnectionState, ApprovedState, StringComparison.OrdinalIgnoreCase) && e.PrivateIpAddress is not null)
            .Select(e => e.PrivateIpAddress!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();

    private static IReadOnlyDictionary<string, string> Redact(IDictionary<string, string>? configuration)
    {
        var redacted = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var setting in configuration ?? new Dictionary<string, string>())
        {
            // rdb-storage-connection-string and aof-storage-connection-string-0/1 carry storage account keys.
            redacted[setting.Key] = setting.Key.IndexOf("connection-string", StringComparison.OrdinalIgnoreCase) >= 0
                ? RedisPrivateCache.RedactedValue
                : setting.Value;
        }

        return redacted;
    }

    private static IReadOnlyDictionary<string, string> CopyIgnoringCase(IDictionary<string, string>? tags)
    {
        // Azure treats tag names case-insensitively, and so does PowerShell.
        var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var tag in tags ?? new Dictionary<string, string>())
        {
            copy[tag.Key] = tag.Value;
        }

        return copy;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// Azure Managed Redis (Microsoft.Cache/redisEnterprise): a cluster and its one database, host
/// &lt;name&gt;.&lt;region&gt;.redis.azure.net on port 10000, no VNet injection. The retiring Enterprise tiers are the same
/// resource type; their host names (and so their private DNS zone) end in redisenterprise.cache.azure.net.
/// </summary>
internal sealed class ManagedRedisCacheKind : ArmCacheKind<ManagedRedisCluster>
{
    private const string HostSuffix = ".redis.azure.net";
    private const string LegacyEnterpriseHostSuffix = ".redisenterprise.cache.azure.net";
    private const string LegacyEnterprisePrivateDnsZone = "privatelink.redisenterprise.cache.azure.net";
    private const string PrivateLinkZonePrefix = "privatelink.";

    /// <summary>The name of a cluster's one database.</summary>
    internal const string DatabaseName = "default";

    /// <summary>
    /// The cluster states of Microsoft.Cache/redisEnterprise 2025-07-01 (azure-rest-api-specs, ProvisioningState and
    /// ResourceState) that end by themselves, with the idle ones they end in (a cluster settles while either of its
    /// states is still moving); the *Failed, Canceled, Deleting, Disabling and Disabled ones do not.
    /// </summary>
    private static readonly string[] SettlingProvisioningStates = { "Succeeded", "Creating", "Updating" };
    private static readonly string[] SettlingResourceStates = { "Running", "Creating", "Updating", "Enabling", "Scaling" };

    public override string Name => "ManagedRedis";

    public override string DisplayName => "Azure Managed Redis";

    public override string ResourceType => "Microsoft.Cache/redisEnterprise";

    public override string DefaultGroupId => "redisEnterprise";

    public override int TlsPort => 10000;

    public override string PrivateDnsZoneName(AzureCloudEnvironment cloud, string? hostName) =>
        hostName is not null && hostName.TrimEnd('.').EndsWith(LegacyEnterpriseHostSuffix, StringComparison.OrdinalIgnoreCase)
            ? LegacyEnterprisePrivateDnsZone
            : AzureCloudEnvironment.ManagedRedisPrivateDnsZone;

    /// <summary>&lt;name&gt;.&lt;region&gt;.redis.azure.net.</summary>
    public override string HostName(string cacheName, string? location, AzureCloudEnvironment cloud) =>
        cacheName + "." + AzureLocations.Normalize(location) + HostSuffix;

    /// <summary>The host name without its public suffix (cache1.eastus); from the name and region while the host is not known yet.</summary>
    public override string RecordName(string cacheName, string? hostName, string? location) =>
        RecordOfHost(hostName) ?? cacheName + "." + AzureLocations.Normalize(location);

    /// <summary>The record &lt;name&gt;.&lt;region&gt; of a Managed Redis host name; null for any other host.</summary>
    internal static string? RecordOfHost(string? hostName)
    {
        var host = hostName?.TrimEnd('.') ?? string.Empty;
        foreach (var suffix in new[] { LegacyEnterpriseHostSuffix, HostSuffix })
        {
            if (host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                var record = host.Substring(0, host.Length - suffix.Length);
                return record.Split('.').Length == 2 ? record : null;
            }
        }

        return null;
    }

    internal override bool HasFirewallRules => false;

    internal override string ListKeysPath(ResourceId cacheId) => DatabaseId(cacheId) + "/listKeys";

    /// <summary>The port is the database's; the cluster's body does not say it.</summary>
    internal override async Task<CacheClientPorts> ReadClientPortsAsync(IArmGateway arm, CacheState cache, CancellationToken cancellationToken)
    {
        var database = await arm.GetAsync<ManagedRedisDatabase>(DatabaseId(cache.Id), cancellationToken).ConfigureAwait(false);
        return new CacheClientPorts(database?.Properties?.Port ?? TlsPort, Array.Empty<int>());
    }

    /// <summary>The cluster's one database, the one clients connect to.</summary>
    internal static ResourceId DatabaseId(ResourceId cacheId) => cacheId.Child("databases", DatabaseName);

    internal override RedisPrivateCache Project(CacheState cache, IReadOnlyList<RedisPrivateEndpoint> endpoints) =>
        CacheProjection.ToManagedRedisCache((ManagedRedisCluster)cache.Resource, cache.Id, cache.PublicNetworkAccess, endpoints);

    internal override bool IsIdle(CacheState cache) =>
        (cache.ProvisioningState is null || string.Equals(cache.ProvisioningState, "Succeeded", StringComparison.OrdinalIgnoreCase))
        && (cache.ResourceState is null || string.Equals(cache.ResourceState, "Running", StringComparison.OrdinalIgnoreCase));

    internal override bool IsSettling(CacheState cache) =>
        !IsIdle(cache)
        && (cache.ProvisioningState is null || SettlingProvisioningStates.Contains(cache.ProvisioningState, StringComparer.OrdinalIgnoreCase))
        && (cache.ResourceState is null || SettlingResourceStates.Contains(cache.ResourceState, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Clusters made before 2025-07-01 state none and follow the legacy rule: a private endpoint connection blocks
    /// public traffic, so such a cluster is public only while it has none.
    /// </summary>
    internal override string PublicNetworkAccessWhenUnstated(CacheState cache) => cache.Connections.Count > 0 ? "Disabled" : "Enabled";

    /// <summary>
    /// The cluster's own privateLinkResources say which group id to name and which zone its records belong in; the
    /// conventions stand in when it lists none.
    /// </summary>
    internal override async Task<PrivateLinkTarget> ResolvePrivateLinkAsync(IArmGateway arm, CacheState cache, AzureCloudEnvironment cloud, CancellationToken cancellationToken)
    {
        var conventional = PrivateLinkTargetFor(cache.Id.Name, cache.HostName, cache.Location, cloud);
        var resources = await arm.ListAsync<PrivateLinkResource>(cache.Id + "/privateLinkResources", cancellationToken).ConfigureAwait(false);
        var resource = resources.FirstOrDefault(r => !string.IsNullOrEmpty(r.Properties?.GroupId));
        if (resource is null)
        {
            return conventional;
        }

        var requiredZone = resource.Properties!.RequiredZoneNames?.FirstOrDefault(z => !string.IsNullOrWhiteSpace(z))?.Trim().TrimEnd('.');
        var zoneName = requiredZone is null ? conventional.ZoneName
            : requiredZone.StartsWith(PrivateLinkZonePrefix, StringComparison.OrdinalIgnoreCase) ? requiredZone
            : PrivateLinkZonePrefix + requiredZone;
        return new PrivateLinkTarget(resource.Properties.GroupId!, zoneName, conventional.RecordName);
    }

    private protected override CacheState StateOf(ManagedRedisCluster cluster, ResourceId? requested)
    {
        var properties = cluster.Properties ?? new ManagedRedisClusterProperties();
        return new CacheState(this, CacheIds.Of(cluster, requested), cluster)
        {
            Location = cluster.Location,
            ProvisioningState = properties.ProvisioningState,
            ResourceState = properties.ResourceState,
            StatedPublicNetworkAccess = properties.PublicNetworkAccess,
            HostName = properties.HostName,
            Connections = (properties.PrivateEndpointConnections ?? new List<PrivateEndpointConnection>()).ToList(),
        };
    }
}

using System;
using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// A cache of either kind as the workflows and the reader see it: what decides where it can be reached from, and the
/// ARM body its kind projects into output. Built only by <see cref="CacheKind"/>.
/// </summary>
internal sealed class CacheState
{
    public CacheState(CacheKind kind, ResourceId id, object resource)
    {
        Kind = kind;
        Id = id;
        Resource = resource;
    }

    public CacheKind Kind { get; }

    /// <summary>The id ARM gave the cache (its casing), or the requested one.</summary>
    public ResourceId Id { get; }

    /// <summary>The ARM body: a <see cref="RedisCache"/> or a <see cref="ManagedRedisCluster"/>.</summary>
    public object Resource { get; }

    /// <summary>As ARM spells it, e.g. "East US" from the Redis provider.</summary>
    public string? Location { get; set; }

    public string? ProvisioningState { get; set; }

    /// <summary>Managed Redis only: Running when the cluster serves.</summary>
    public string? ResourceState { get; set; }

    /// <summary>The publicNetworkAccess the cache states; null when it states none.</summary>
    public string? StatedPublicNetworkAccess { get; set; }

    public string? HostName { get; set; }

    /// <summary>Classic only: the subnet of a VNet-injected cache.</summary>
    public string? SubnetId { get; set; }

    public IReadOnlyList<PrivateEndpointConnection> Connections { get; set; } = Array.Empty<PrivateEndpointConnection>();

    /// <summary>Enabled or Disabled: the stated value, or what the kind's rule makes of none.</summary>
    public string PublicNetworkAccess => StatedPublicNetworkAccess ?? Kind.PublicNetworkAccessWhenUnstated(this);

    public bool IsIdle => Kind.IsIdle(this);

    public bool IsSettling => Kind.IsSettling(this);

    public bool IsVNetInjected => !string.IsNullOrEmpty(SubnetId);

    /// <summary>Provisioning state, with the resource state when it tells more ("Succeeded, Updating").</summary>
    public string DescribeState() =>
        ResourceState is null || string.Equals(ResourceState, "Running", StringComparison.OrdinalIgnoreCase)
            ? ProvisioningState ?? "Unknown"
            : $"{ProvisioningState ?? "Unknown"} (resource state {ResourceState})";
}

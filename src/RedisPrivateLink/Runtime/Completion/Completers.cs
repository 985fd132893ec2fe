using System.Collections;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Completion;

namespace RedisPrivateLink.Runtime.Completion;

/// <summary>Completes resource group names of the subscription.</summary>
public sealed class ResourceGroupCompleter : ArmNameCompleter
{
    private protected override string? ScopeOf(IDictionary boundParameters) => "subscription";

    private protected override Task<IReadOnlyList<string>> ListAsync(ResourceNameSource source, string scope, CancellationToken cancellationToken) =>
        source.ResourceGroupsAsync(cancellationToken);
}

/// <summary>Completes cache names, of the resource group typed so far or of the subscription.</summary>
public sealed class CacheNameCompleter : ArmNameCompleter
{
    private const string WholeSubscription = "*";

    private protected override string? ScopeOf(IDictionary boundParameters) => Bound(boundParameters, "ResourceGroupName") ?? WholeSubscription;

    private protected override Task<IReadOnlyList<string>> ListAsync(ResourceNameSource source, string scope, CancellationToken cancellationToken) =>
        source.CachesAsync(scope == WholeSubscription ? null : scope, cancellationToken);
}

/// <summary>Completes virtual network names of the resource group typed so far.</summary>
public sealed class VirtualNetworkNameCompleter : ArmNameCompleter
{
    private protected override string? ScopeOf(IDictionary boundParameters) =>
        Bound(boundParameters, "VirtualNetworkResourceGroupName", "ResourceGroupName");

    private protected override Task<IReadOnlyList<string>> ListAsync(ResourceNameSource source, string scope, CancellationToken cancellationToken) =>
        source.VirtualNetworksAsync(scope, cancellationToken);
}

/// <summary>Completes subnet names of the virtual network typed so far.</summary>
public sealed class SubnetNameCompleter : ArmNameCompleter
{
    private protected override string? ScopeOf(IDictionary boundParameters)
    {
        var group = Bound(boundParameters, "VirtualNetworkResourceGroupName", "ResourceGroupName");
        var network = Bound(boundParameters, "VirtualNetworkName");
        return group is null || network is null ? null : $"{group}/{network}";
    }

    private protected override Task<IReadOnlyList<string>> ListAsync(ResourceNameSource source, string scope, CancellationToken cancellationToken)
    {
        var parts = scope.Split('/');
        return source.SubnetsAsync(parts[0], parts[1], cancellationToken);
    }
}

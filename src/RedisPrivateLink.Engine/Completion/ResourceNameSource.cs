using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;

namespace RedisPrivateLink.Engine.Completion;

/// <summary>
/// Names for tab completion, read from ARM: one list request each (caches: one per kind), names only. A missing
/// resource group or virtual network yields no names rather than an error: completion must stay silent.
/// </summary>
public sealed class ResourceNameSource
{
    private readonly IArmGateway _arm;
    private readonly string _subscriptionId;

    public ResourceNameSource(IArmGateway arm, string subscriptionId)
    {
        _arm = arm;
        _subscriptionId = subscriptionId;
    }

    public Task<IReadOnlyList<string>> ResourceGroupsAsync(CancellationToken cancellationToken) =>
        NamesAsync<ResourceGroup>($"/subscriptions/{_subscriptionId}/resourcegroups", cancellationToken);

    /// <summary>
    /// Caches of both kinds (classic and Managed Redis) of a resource group, or of the subscription when
    /// <paramref name="resourceGroupName"/> is null; a kind the cloud does not offer adds none.
    /// </summary>
    public async Task<IReadOnlyList<string>> CachesAsync(string? resourceGroupName, CancellationToken cancellationToken)
    {
        var scope = resourceGroupName is null ? $"/subscriptions/{_subscriptionId}" : ResourceId.ForResourceGroup(_subscriptionId, resourceGroupName).ToString();
        var classic = await NamesAsync<RedisCache>($"{scope}/providers/{CacheKind.Classic.ResourceType}", cancellationToken).ConfigureAwait(false);
        var managed = await NamesAsync<ManagedRedisCluster>($"{scope}/providers/{CacheKind.ManagedRedis.ResourceType}", cancellationToken).ConfigureAwait(false);
        return classic.Concat(managed).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(name => name).ToList();
    }

    public Task<IReadOnlyList<string>> VirtualNetworksAsync(string resourceGroupName, CancellationToken cancellationToken) =>
        NamesAsync<VirtualNetwork>($"{ResourceId.ForResourceGroup(_subscriptionId, resourceGroupName)}/providers/Microsoft.Network/virtualNetworks", cancellationToken);

    public async Task<IReadOnlyList<string>> SubnetsAsync(string resourceGroupName, string virtualNetworkName, CancellationToken cancellationToken)
    {
        var id = ResourceId.ForResource(_subscriptionId, resourceGroupName, "Microsoft.Network/virtualNetworks", virtualNetworkName);
        var network = await _arm.GetAsync<VirtualNetwork>(id, cancellationToken).ConfigureAwait(false);
        return network?.Properties?.Subnets?.Select(subnet => subnet.Name).OfType<string>().OrderBy(name => name).ToList()
            ?? new List<string>();
    }

    private async Task<IReadOnlyList<string>> NamesAsync<T>(string collectionPath, CancellationToken cancellationToken)
        where T : ArmResource
    {
        try
        {
            var items = await _arm.ListAsync<T>(collectionPath, cancellationToken).ConfigureAwait(false);
            return items.Select(item => item.Name).OfType<string>().OrderBy(name => name).ToList();
        }
        catch (ArmException ex) when (ex.Status == 404 || ex.Code is "InvalidResourceType" or "NoRegisteredProviderFound")
        {
            return new List<string>();
        }
    }
}

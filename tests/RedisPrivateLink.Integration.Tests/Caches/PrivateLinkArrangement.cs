using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Integration.Tests.Infrastructure;

namespace RedisPrivateLink.Integration.Tests.Caches;

/// <summary>
/// Builds the state a reader reads, through the gateway, the way the portal's procedure does: resource group, VNet and
/// subnet, cache, private DNS zone linked to the VNet, private endpoint to the cache, DNS zone group.
/// </summary>
internal sealed class PrivateLinkArrangement
{
    public const string Location = "eastus";
    public const string DnsZoneName = "privatelink.redis.cache.windows.net";

    private readonly EmulatedAzure _azure;

    public PrivateLinkArrangement(EmulatedAzure azure) => _azure = azure;

    private IArmGateway Arm => _azure.Arm;

    public async Task<ResourceId> ResourceGroupAsync(string name)
    {
        var id = ResourceId.ForResourceGroup(_azure.SubscriptionId, name);
        await Arm.PutAsync(id, new ResourceGroup { Location = Location });
        return id;
    }

    /// <summary>A VNet with one subnet; returns the subnet's id.</summary>
    public async Task<ResourceId> SubnetAsync(string resourceGroupName, string vnetName, string addressSpace, string subnetPrefix, string subnetName = "default")
    {
        var vnetId = ResourceId.ForResource(_azure.SubscriptionId, resourceGroupName, "Microsoft.Network/virtualNetworks", vnetName);
        await Arm.PutAsync(vnetId, new VirtualNetwork
        {
            Location = Location,
            Properties = new VirtualNetworkProperties
            {
                AddressSpace = new AddressSpace { AddressPrefixes = [addressSpace] },
                Subnets = [new Subnet { Name = subnetName, Properties = new SubnetProperties { AddressPrefix = subnetPrefix } }],
            },
        });
        return vnetId.Child("subnets", subnetName);
    }

    public async Task<ResourceId> CacheAsync(string resourceGroupName, string name, Action<RedisCache>? configure = null, bool wait = true)
    {
        var id = CacheId(resourceGroupName, name);
        var cache = new RedisCache
        {
            Location = Location,
            Properties = new RedisCacheProperties
            {
                Sku = new RedisSku { Name = "Standard", Family = "C", Capacity = 1 },
                MinimumTlsVersion = "1.2",
                PublicNetworkAccess = "Disabled",
                EnableNonSslPort = false,
            },
        };
        configure?.Invoke(cache);
        await Arm.PutAsync(id, cache, wait);
        return id;
    }

    public ResourceId CacheId(string resourceGroupName, string name) =>
        ResourceId.ForResource(_azure.SubscriptionId, resourceGroupName, "Microsoft.Cache/redis", name);

    /// <summary>The cloud's private DNS zone for Redis, linked to the VNet of <paramref name="subnetId"/>.</summary>
    public async Task<ResourceId> LinkedDnsZoneAsync(string resourceGroupName, ResourceId subnetId)
    {
        var zoneId = ResourceId.ForResource(_azure.SubscriptionId, resourceGroupName, "Microsoft.Network/privateDnsZones", DnsZoneName);
        if (await Arm.GetAsync<PrivateDnsZone>(zoneId) is null)
        {
            await Arm.PutAsync(zoneId, new PrivateDnsZone { Location = "global" });
        }

        var vnetId = subnetId.Parent!;
        await Arm.PutAsync(zoneId.Child("virtualNetworkLinks", vnetId.Name + "-link"), new VirtualNetworkLink
        {
            Location = "global",
            Properties = new VirtualNetworkLinkProperties { VirtualNetwork = new SubResource(vnetId.ToString()), RegistrationEnabled = false },
        });
        return zoneId;
    }

    /// <summary>A private endpoint to <paramref name="targetId"/>, approved automatically unless <paramref name="manual"/>.</summary>
    public async Task<ResourceId> EndpointAsync(string resourceGroupName, string name, ResourceId subnetId, ResourceId targetId, bool manual = false, string groupId = "redisCache")
    {
        var id = ResourceId.ForResource(_azure.SubscriptionId, resourceGroupName, "Microsoft.Network/privateEndpoints", name);
        var connection = new PrivateLinkServiceConnection
        {
            Name = name + "-connection",
            Properties = new PrivateLinkServiceConnectionProperties
            {
                PrivateLinkServiceId = targetId.ToString(),
                GroupIds = [groupId],
                RequestMessage = manual ? "Please approve" : null,
            },
        };
        await Arm.PutAsync(id, new PrivateEndpoint
        {
            Location = Location,
            Properties = new PrivateEndpointProperties
            {
                Subnet = new SubResource(subnetId.ToString()),
                PrivateLinkServiceConnections = manual ? [] : [connection],
                ManualPrivateLinkServiceConnections = manual ? [connection] : [],
            },
        });
        return id;
    }

    public async Task<ResourceId> ZoneGroupAsync(ResourceId endpointId, ResourceId zoneId)
    {
        var id = endpointId.Child("privateDnsZoneGroups", "default");
        await Arm.PutAsync(id, new PrivateDnsZoneGroup
        {
            Properties = new PrivateDnsZoneGroupProperties
            {
                PrivateDnsZoneConfigs = [new PrivateDnsZoneConfig { Name = "redis", Properties = new PrivateDnsZoneConfigProperties { PrivateDnsZoneId = zoneId.ToString() } }],
            },
        });
        return id;
    }

    /// <summary>The whole procedure for one cache: network, zone and link, cache, endpoint and zone group.</summary>
    public async Task<PrivateCacheSetup> PrivateCacheAsync(string resourceGroupName, string cacheName, Action<RedisCache>? configure = null)
    {
        await ResourceGroupAsync(resourceGroupName);
        var subnetId = await SubnetAsync(resourceGroupName, "vnet-" + cacheName, "10.1.0.0/16", "10.1.0.0/24");
        var zoneId = await LinkedDnsZoneAsync(resourceGroupName, subnetId);
        var cacheId = await CacheAsync(resourceGroupName, cacheName, configure);
        var endpointId = await EndpointAsync(resourceGroupName, "pe-" + cacheName, subnetId, cacheId);
        await ZoneGroupAsync(endpointId, zoneId);
        return new PrivateCacheSetup(cacheId, subnetId, zoneId, endpointId);
    }
}

using System;
using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Tests.Caches;

namespace RedisPrivateLink.Engine.Tests.Workflows;

/// <summary>Managed Redis clusters, endpoints and a subnet in an in-memory ARM, and a context over it.</summary>
internal static class ManagedRedisArrangement
{
    public const string SubscriptionId = "00000000-0000-0000-0000-000000000001";
    public const string Group = "/subscriptions/" + SubscriptionId + "/resourceGroups/rg";
    public const string ClusterId = Group + "/providers/Microsoft.Cache/redisEnterprise/amr1";
    public const string ClassicId = Group + "/providers/Microsoft.Cache/redis/classic1";
    public const string VirtualNetworkId = Group + "/providers/Microsoft.Network/virtualNetworks/vnet";
    public const string SubnetId = VirtualNetworkId + "/subnets/endpoints";

    public static RedisPrivateLinkContext ContextOver(InMemoryArmGateway arm) =>
        new(AzureCloudEnvironment.AzureCloud, SubscriptionId, "test", null, "test", CredentialKind.Emulator, arm, new StaticTokenCredential("test", DateTimeOffset.MaxValue));

    /// <param name="publicNetworkAccess">Null for a cluster made before the setting existed.</param>
    public static ManagedRedisCluster Cluster(string? publicNetworkAccess, params PrivateEndpointConnection[] connections) => new()
    {
        Id = ClusterId,
        Name = "amr1",
        Type = "Microsoft.Cache/redisEnterprise",
        Location = "East US",
        Sku = new ManagedRedisSku { Name = "Balanced_B5" },
        Properties = new ManagedRedisClusterProperties
        {
            ProvisioningState = "Succeeded",
            ResourceState = "Running",
            HighAvailability = "Enabled",
            MinimumTlsVersion = "1.2",
            PublicNetworkAccess = publicNetworkAccess,
            HostName = "amr1.eastus.redis.azure.net",
            RedisVersion = "7.4",
            PrivateEndpointConnections = new List<PrivateEndpointConnection>(connections),
        },
    };

    public static PrivateEndpointConnection Connection(string endpointId, string status) => new()
    {
        Id = ClusterId + "/privateEndpointConnections/" + endpointId.Substring(endpointId.LastIndexOf('/') + 1) + ".guid",
        Name = endpointId.Substring(endpointId.LastIndexOf('/') + 1) + ".guid",
        Properties = new PrivateEndpointConnectionProperties
        {
            PrivateEndpoint = new SubResource(endpointId),
            PrivateLinkServiceConnectionState = new PrivateLinkServiceConnectionState { Status = status },
        },
    };

    public static string EndpointId(string name) => Group + "/providers/Microsoft.Network/privateEndpoints/" + name;

    public static PrivateEndpoint Endpoint(string name, string cacheId, string privateIp) => new()
    {
        Id = EndpointId(name),
        Name = name,
        Location = "eastus",
        Properties = new PrivateEndpointProperties
        {
            ProvisioningState = "Succeeded",
            Subnet = new SubResource(SubnetId),
            PrivateLinkServiceConnections = new List<PrivateLinkServiceConnection>
            {
                new()
                {
                    Name = name,
                    Properties = new PrivateLinkServiceConnectionProperties
                    {
                        PrivateLinkServiceId = cacheId,
                        GroupIds = new List<string> { "redisEnterprise" },
                        PrivateLinkServiceConnectionState = new PrivateLinkServiceConnectionState { Status = "Approved" },
                    },
                },
            },
            CustomDnsConfigs = new List<CustomDnsConfig> { new() { Fqdn = "amr1.eastus.redis.azure.net", IpAddresses = new List<string> { privateIp } } },
        },
    };

    /// <summary>
    /// A subnet with the given private endpoint network policies (Disabled, Azure's default, unless told) in an East US
    /// virtual network, which carries it as ARM's does.
    /// </summary>
    public static void AddSubnet(InMemoryArmGateway arm, string privateEndpointNetworkPolicies = "Disabled")
    {
        var subnet = new Subnet
        {
            Id = SubnetId,
            Name = "endpoints",
            Properties = new SubnetProperties { ProvisioningState = "Succeeded", AddressPrefix = "10.0.1.0/24", PrivateEndpointNetworkPolicies = privateEndpointNetworkPolicies },
        };
        arm.Add(VirtualNetworkId, new VirtualNetwork
        {
            Id = VirtualNetworkId,
            Name = "vnet",
            Location = "eastus",
            Properties = new VirtualNetworkProperties
            {
                ProvisioningState = "Succeeded",
                AddressSpace = new AddressSpace { AddressPrefixes = new List<string> { "10.0.0.0/16" } },
                Subnets = new List<Subnet> { subnet },
            },
        });
        arm.Add(SubnetId, subnet);
    }
}

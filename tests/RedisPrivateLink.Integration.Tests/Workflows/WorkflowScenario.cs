using RedisPrivateLink.Emulator.Hosting;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using RedisPrivateLink.Integration.Tests.Infrastructure;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>An emulated Azure with the control plane and the ids and requests the workflow tests share.</summary>
internal sealed class WorkflowScenario : IAsyncDisposable
{
    public const string Group = "rg-app";
    public const string Location = "eastus";
    public const string Zone = "privatelink.redis.cache.windows.net";

    /// <summary>The zone Azure Managed Redis endpoints register in.</summary>
    public const string ManagedRedisZone = "privatelink.redis.azure.net";

    private WorkflowScenario(EmulatedAzure azure)
    {
        Azure = azure;
        Control = new EmulatorControl(azure);
    }

    public EmulatedAzure Azure { get; }

    public EmulatorControl Control { get; }

    public IArmGateway Arm => Azure.Arm;

    public string Subscription => Azure.SubscriptionId;

    public static async Task<WorkflowScenario> StartAsync(Action<EmulatorOptions>? configure = null, Action<ConnectRequest>? connect = null) =>
        new(await EmulatedAzure.StartAsync(configure, connect: connect));

    public static NewPrivateCacheRequest NewCache(string name = "cache1") => new()
    {
        Name = name,
        ResourceGroupName = Group,
        Location = Location,
        Sku = "Standard",
        Size = "C1",
        VirtualNetworkName = "vnet1",
        AddressPrefix = new[] { "10.0.0.0/16" },
        SubnetName = "endpoints",
        SubnetPrefix = "10.0.1.0/24",
    };

    public ResourceId GroupId(string group = Group) => ResourceId.ForResourceGroup(Subscription, group);

    public ResourceId CacheId(string name = "cache1", string group = Group) => ResourceId.ForResource(Subscription, group, "Microsoft.Cache/redis", name);

    public ResourceId ClusterId(string name = "cache1", string group = Group) => ResourceId.ForResource(Subscription, group, "Microsoft.Cache/redisEnterprise", name);

    public ResourceId VnetId(string name = "vnet1", string group = Group) => ResourceId.ForResource(Subscription, group, "Microsoft.Network/virtualNetworks", name);

    public ResourceId SubnetId(string vnet = "vnet1", string subnet = "endpoints", string group = Group) => VnetId(vnet, group).Child("subnets", subnet);

    public ResourceId EndpointId(string name = "cache1-pe", string group = Group) => ResourceId.ForResource(Subscription, group, "Microsoft.Network/privateEndpoints", name);

    public ResourceId ZoneId(string group = Group) => ResourceId.ForResource(Subscription, group, "Microsoft.Network/privateDnsZones", Zone);

    public ResourceId ManagedRedisZoneId(string group = Group) => ResourceId.ForResource(Subscription, group, "Microsoft.Network/privateDnsZones", ManagedRedisZone);

    public Task<PreparedWorkflow> PrepareAsync(NewPrivateCacheRequest request) =>
        NewPrivateCacheWorkflow.PrepareAsync(Azure.Context, request, CancellationToken.None);

    public Task<PreparedWorkflow> PrepareAsync(AddPrivateEndpointRequest request) =>
        AddPrivateEndpointWorkflow.PrepareAsync(Azure.Context, request, CancellationToken.None);

    public static Task<PlanResult> RunAsync(PreparedWorkflow prepared) => PlanExecutor.RunAsync(prepared.Plan);

    public async Task<PlanResult> CreateAsync(NewPrivateCacheRequest request) => await RunAsync(await PrepareAsync(request));

    public async Task<T> RequireAsync<T>(ResourceId id)
        where T : class =>
        await Arm.GetAsync<T>(id) ?? throw new Xunit.Sdk.XunitException($"{id} does not exist.");

    public async Task CreateGroupAsync(string group, string location = Location) =>
        await Arm.PutAsync(GroupId(group), new ResourceGroup { Location = location });

    /// <summary>A virtual network with the given subnets (name, prefix, private endpoint network policies).</summary>
    public async Task CreateNetworkAsync(string vnet, string group, string addressSpace, params (string Name, string Prefix, string Policies)[] subnets)
    {
        await CreateGroupAsync(group);
        await Arm.PutAsync(VnetId(vnet, group), new VirtualNetwork
        {
            Location = Location,
            Properties = new VirtualNetworkProperties
            {
                AddressSpace = new AddressSpace { AddressPrefixes = new List<string> { addressSpace } },
                Subnets = subnets.Select(s => new Subnet
                {
                    Name = s.Name,
                    Properties = new SubnetProperties { AddressPrefix = s.Prefix, PrivateEndpointNetworkPolicies = s.Policies },
                }).ToList(),
            },
        });
    }

    /// <summary>The private IP of an endpoint, from its DNS configuration (filled once the connection is approved).</summary>
    public async Task<string> EndpointAddressAsync(ResourceId endpointId)
    {
        var endpoint = await RequireAsync<PrivateEndpoint>(endpointId);
        return endpoint.Properties!.CustomDnsConfigs!.SelectMany(c => c.IpAddresses!).Single();
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        await Azure.DisposeAsync();
    }
}

using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.WorkflowRefusals;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// A landing zone: the private DNS zone in a hub subscription, the network in a spoke subscription, the cache in the
/// context's (application) subscription. Ids in other subscriptions are read before the first write, the endpoint goes
/// in its network's subscription (Azure's rule), and a hub the platform team has linked already gets no write.
/// </summary>
public sealed class CrossSubscriptionWorkflowTests
{
    private const string Hub = "aaaaaaaa-0000-0000-0000-00000000000a";
    private const string Spoke = "bbbbbbbb-0000-0000-0000-00000000000b";
    private const string Unknown = "99999999-9999-9999-9999-999999999999";

    private static readonly ResourceId HubZoneId = ResourceId.ForResource(Hub, "rg-dns", "Microsoft.Network/privateDnsZones", WorkflowScenario.Zone);
    private static readonly ResourceId SpokeVnetId = ResourceId.ForResource(Spoke, "rg-spoke", "Microsoft.Network/virtualNetworks", "vnet-spoke");
    private static readonly ResourceId SpokeSubnetId = SpokeVnetId.Child("subnets", "endpoints");

    [Fact]
    public async Task NewPutsTheEndpointInTheSpokeAndTheRecordInTheHubZoneAndConverges()
    {
        await using var scenario = await StartLandingZoneAsync();
        await CreateHubZoneAsync(scenario);
        await CreateSpokeNetworkAsync(scenario);

        var result = await WorkflowScenario.RunAsync(await scenario.PrepareAsync(NewInSpoke()));

        Assert.DoesNotContain(result.Steps, step => step.Key == StepKeys.PrivateDnsZone);
        var endpointId = ResourceId.ForResource(Spoke, "rg-spoke", "Microsoft.Network/privateEndpoints", "cache1-pe");
        var endpoint = await scenario.RequireAsync<PrivateEndpoint>(endpointId);
        Assert.Equal(SpokeSubnetId.ToString(), endpoint.Properties!.Subnet!.Id, ignoreCase: true);
        Assert.Equal(scenario.CacheId().ToString(), endpoint.Properties.PrivateLinkServiceConnections![0].Properties!.PrivateLinkServiceId, ignoreCase: true);
        var links = await scenario.Arm.ListAsync<VirtualNetworkLink>(HubZoneId + "/virtualNetworkLinks");
        Assert.Equal(SpokeVnetId.ToString(), Assert.Single(links).Properties!.VirtualNetwork!.Id, ignoreCase: true);
        var record = await scenario.RequireAsync<ARecordSet>(HubZoneId.Child("A", "cache1"));
        Assert.Equal(await scenario.EndpointAddressAsync(endpointId), Assert.Single(record.Properties!.ARecords!).Ipv4Address);
        Assert.Null(await scenario.Arm.GetAsync<PrivateDnsZone>(scenario.ZoneId()));

        await scenario.Control.ClearRequestsAsync();
        await WorkflowScenario.RunAsync(await scenario.PrepareAsync(NewInSpoke()));
        Assert.Empty(await scenario.Control.WritesAsync());
    }

    [Fact]
    public async Task AddIntoASpokeThePlatformTeamLinkedFindsTheHubZoneAndWritesNothingInTheHub()
    {
        await using var scenario = await StartLandingZoneAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache());
        await CreateHubZoneAsync(scenario);
        await CreateSpokeNetworkAsync(scenario);
        await scenario.Arm.PutAsync(HubZoneId.Child("virtualNetworkLinks", "platform-link"), new VirtualNetworkLink
        {
            Location = "global",
            Properties = new VirtualNetworkLinkProperties { VirtualNetwork = new SubResource(SpokeVnetId.ToString()), RegistrationEnabled = false },
        });
        await scenario.Control.ClearRequestsAsync();

        var result = await WorkflowScenario.RunAsync(await scenario.PrepareAsync(new AddPrivateEndpointRequest
        {
            CacheId = scenario.CacheId().ToString(),
            SubnetId = SpokeSubnetId.ToString(),
        }));

        Assert.Equal(StepOutcome.Reused, result[StepKeys.ZoneLink].Outcome);
        var writes = (await scenario.Control.WritesAsync()).Select(w => $"{w.Method} {w.Path}").ToList();
        Assert.DoesNotContain(writes, w => w.Contains($"/subscriptions/{Hub}/", StringComparison.OrdinalIgnoreCase));
        var endpointId = ResourceId.ForResource(Spoke, "rg-spoke", "Microsoft.Network/privateEndpoints", "cache1-pe-vnet-spoke");
        Assert.Contains($"PUT {endpointId}/privateDnsZoneGroups/default", writes, StringComparer.OrdinalIgnoreCase);
        var record = await scenario.RequireAsync<ARecordSet>(HubZoneId.Child("A", "cache1"));
        Assert.Equal(await scenario.EndpointAddressAsync(endpointId), Assert.Single(record.Properties!.ARecords!).Ipv4Address);
        Assert.Equal(new[] { "platform-link" }, (await scenario.Arm.ListAsync<VirtualNetworkLink>(HubZoneId + "/virtualNetworkLinks")).Select(l => l.Name));
    }

    /// <summary>A subscription whose zones the credential may not list cannot be searched: the plan goes on, and says so.</summary>
    [Fact]
    public async Task ASubscriptionWhoseZonesCannotBeListedIsNamedInANotice()
    {
        await using var scenario = await StartLandingZoneAsync();
        await scenario.CreateNetworkAsync("vnet1", WorkflowScenario.Group, "10.0.0.0/16", ("endpoints", "10.0.1.0/24", "Disabled"));
        await scenario.Control.AddFaultAsync(new { method = "GET", pathPattern = $"/subscriptions/{Hub}/providers/Microsoft.Network/privateDnsZones", kind = "status", status = 403, code = "AuthorizationFailed", message = "The client does not have authorization to perform action.", count = 1 });

        var prepared = await scenario.PrepareAsync(WorkflowScenario.NewCache());

        var notice = Assert.Single(prepared.Notices, n => n.Contains("could not be searched", StringComparison.Ordinal));
        Assert.Contains(Hub, notice, StringComparison.Ordinal);
        Assert.DoesNotContain(Spoke, notice, StringComparison.Ordinal);
        Assert.Contains("-PrivateDnsZoneId", notice, StringComparison.Ordinal);
        Assert.Contains(prepared.Plan.Steps, step => step.Key == StepKeys.PrivateDnsZone);
    }

    [Theory]
    [InlineData("PrivateDnsZoneId")]
    [InlineData("SubnetId")]
    public async Task AnIdInASubscriptionTheCallerCannotSeeIsRefusedNamingItBeforeAnyWrite(string parameter)
    {
        await using var scenario = await StartLandingZoneAsync();
        await CreateHubZoneAsync(scenario);
        await CreateSpokeNetworkAsync(scenario);
        var request = NewInSpoke();
        if (parameter == "SubnetId")
        {
            request.SubnetId = request.SubnetId!.Replace(Spoke, Unknown, StringComparison.Ordinal);
        }
        else
        {
            request.PrivateDnsZoneId = request.PrivateDnsZoneId!.Replace(Hub, Unknown, StringComparison.Ordinal);
        }

        var error = await AssertRefusedAsync(scenario, request, WorkflowErrorIds.SubscriptionNotFound);

        Assert.Contains(Unknown, error.Message, StringComparison.Ordinal);
        Assert.Contains("-" + parameter, error.Message, StringComparison.Ordinal);
        Assert.Null(await scenario.Arm.GetAsync<ResourceGroup>(scenario.GroupId()));
    }

    [Fact]
    public async Task AMissingHubZoneIsRefusedNamingItsSubscriptionBeforeAnyWrite()
    {
        await using var scenario = await StartLandingZoneAsync();
        await CreateSpokeNetworkAsync(scenario);

        var error = await AssertRefusedAsync(scenario, NewInSpoke(), WorkflowErrorIds.PrivateDnsZoneNotFound);

        Assert.Contains($"subscription {Hub}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A cache in the spoke, an endpoint beside it: the default zone goes in the cache's group, in the cache's subscription.</summary>
    [Fact]
    public async Task AddTakesACacheIdInAnotherSubscriptionAndKeepsTheDefaultZoneWithTheCache()
    {
        await using var scenario = await StartLandingZoneAsync();
        await CreateSpokeNetworkAsync(scenario);
        var spokeCacheId = ResourceId.ForResource(Spoke, "rg-spoke", "Microsoft.Cache/redis", "spoke-cache");
        await scenario.Arm.PutAsync(spokeCacheId, new RedisCache
        {
            Location = WorkflowScenario.Location,
            Properties = new RedisCacheProperties { Sku = new RedisSku { Name = "Standard", Family = "C", Capacity = 1 }, PublicNetworkAccess = "Disabled" },
        });

        await WorkflowScenario.RunAsync(await scenario.PrepareAsync(new AddPrivateEndpointRequest { CacheId = spokeCacheId.ToString(), SubnetId = SpokeSubnetId.ToString() }));

        var endpointId = ResourceId.ForResource(Spoke, "rg-spoke", "Microsoft.Network/privateEndpoints", "spoke-cache-pe-vnet-spoke");
        var spokeZoneId = ResourceId.ForResource(Spoke, "rg-spoke", "Microsoft.Network/privateDnsZones", WorkflowScenario.Zone);
        var record = await scenario.RequireAsync<ARecordSet>(spokeZoneId.Child("A", "spoke-cache"));
        Assert.Equal(await scenario.EndpointAddressAsync(endpointId), Assert.Single(record.Properties!.ARecords!).Ipv4Address);
        Assert.Null(await scenario.Arm.GetAsync<PrivateDnsZone>(ResourceId.ForResource(scenario.Subscription, "rg-spoke", "Microsoft.Network/privateDnsZones", WorkflowScenario.Zone)));
    }

    [Fact]
    public async Task ConvertPutsTheNewCachesEndpointInTheSpokeAndItsRecordInTheHubZone()
    {
        await using var scenario = await StartLandingZoneAsync();
        await ConvertArrangements.CreateSourceAsync(scenario);
        await CreateHubZoneAsync(scenario);
        await CreateSpokeNetworkAsync(scenario);
        var request = ConvertArrangements.NewNameRequest(scenario, "None");
        request.KeepSource = true;
        request.SubnetName = null;
        request.SubnetPrefix = null;
        request.SubnetId = SpokeSubnetId.ToString();
        request.PrivateDnsZoneId = HubZoneId.ToString();

        await WorkflowScenario.RunAsync(await ConvertArrangements.PrepareAsync(scenario, request));

        var endpointId = ResourceId.ForResource(Spoke, "rg-spoke", "Microsoft.Network/privateEndpoints", ConvertArrangements.Target + "-pe");
        var record = await scenario.RequireAsync<ARecordSet>(HubZoneId.Child("A", ConvertArrangements.Target));
        Assert.Equal(await scenario.EndpointAddressAsync(endpointId), Assert.Single(record.Properties!.ARecords!).Ipv4Address);
        Assert.Equal("Disabled", (await scenario.RequireAsync<RedisCache>(scenario.CacheId(ConvertArrangements.Target))).Properties!.PublicNetworkAccess);

        await scenario.Control.ClearRequestsAsync();
        await WorkflowScenario.RunAsync(await ConvertArrangements.PrepareAsync(scenario, request));
        Assert.Empty(await scenario.Control.WritesAsync());
    }

    private static Task<WorkflowScenario> StartLandingZoneAsync() =>
        WorkflowScenario.StartAsync(options =>
        {
            options.AdditionalSubscriptions.Add(Hub);
            options.AdditionalSubscriptions.Add(Spoke);
        });

    private static NewPrivateCacheRequest NewInSpoke()
    {
        var request = WorkflowScenario.NewCache();
        request.VirtualNetworkName = null;
        request.AddressPrefix = null;
        request.SubnetName = null;
        request.SubnetPrefix = null;
        request.SubnetId = SpokeSubnetId.ToString();
        request.PrivateDnsZoneId = HubZoneId.ToString();
        return request;
    }

    private static async Task CreateHubZoneAsync(WorkflowScenario scenario)
    {
        await scenario.Arm.PutAsync(ResourceId.ForResourceGroup(Hub, "rg-dns"), new ResourceGroup { Location = WorkflowScenario.Location });
        await scenario.Arm.PutAsync(HubZoneId, new PrivateDnsZone { Location = "global" });
    }

    private static async Task CreateSpokeNetworkAsync(WorkflowScenario scenario)
    {
        await scenario.Arm.PutAsync(ResourceId.ForResourceGroup(Spoke, "rg-spoke"), new ResourceGroup { Location = WorkflowScenario.Location });
        await scenario.Arm.PutAsync(SpokeVnetId, new VirtualNetwork
        {
            Location = WorkflowScenario.Location,
            Properties = new VirtualNetworkProperties
            {
                AddressSpace = new AddressSpace { AddressPrefixes = new List<string> { "10.50.0.0/16" } },
                Subnets = new List<Subnet> { new() { Name = "endpoints", Properties = new SubnetProperties { AddressPrefix = "10.50.1.0/24" } } },
            },
        });
    }
}

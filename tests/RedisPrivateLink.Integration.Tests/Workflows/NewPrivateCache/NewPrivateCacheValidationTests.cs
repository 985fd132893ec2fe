using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;
using static RedisPrivateLink.Integration.Tests.Workflows.WorkflowRefusals;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Every refusal of New-RedisPrivateCache comes with its own error id and before any ARM write.</summary>
public sealed class NewPrivateCacheValidationTests
{
    [Fact]
    public async Task ABadCacheNameIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = WorkflowScenario.NewCache("bad--name");

        var error = await AssertRefusedAsync(scenario, request, ValidationErrorIds.InvalidCacheName);

        Assert.Contains("'bad--name'", error.Message);
    }

    [Fact]
    public async Task ASubnetOverlappingAnExistingSubnetIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateNetworkAsync("vnet1", WorkflowScenario.Group, "10.0.0.0/16", ("apps", "10.0.1.0/24", "Disabled"));
        var request = WorkflowScenario.NewCache();
        request.SubnetPrefix = "10.0.1.128/25";

        var error = await AssertRefusedAsync(scenario, request, ValidationErrorIds.SubnetOverlapsExistingSubnet);

        Assert.Contains("'apps'", error.Message);
    }

    [Fact]
    public async Task ASubnetOutsideTheAddressSpaceIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = WorkflowScenario.NewCache();
        request.SubnetPrefix = "10.1.0.0/24";

        await AssertRefusedAsync(scenario, request, ValidationErrorIds.SubnetOutsideAddressSpace);
    }

    [Fact]
    public async Task ACacheNameTakenElsewhereIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync("rg-other");
        await scenario.Arm.PutAsync(scenario.CacheId("cache1", "rg-other"), new RedisCache
        {
            Location = WorkflowScenario.Location,
            Properties = new RedisCacheProperties { Sku = new RedisSku { Name = "Basic", Family = "C", Capacity = 0 } },
        });

        var error = await AssertRefusedAsync(scenario, WorkflowScenario.NewCache(), WorkflowErrorIds.CacheNameNotAvailable);

        Assert.Contains("'cache1'", error.Message);
    }

    [Fact]
    public async Task APremiumOptionOnStandardIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = WorkflowScenario.NewCache();
        request.ShardCount = 2;

        await AssertRefusedAsync(scenario, request, ValidationErrorIds.PremiumFeatureRequiresPremiumSku);
    }

    [Fact]
    public async Task PersistenceToAStorageAccountBehindAFirewallIsRefusedWithoutShowingTheKey()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync("rg-data");
        await scenario.Arm.PutAsync(
            Engine.Arm.ResourceId.ForResource(scenario.Subscription, "rg-data", "Microsoft.Storage/storageAccounts", "backups1"),
            new StorageAccount { Location = WorkflowScenario.Location, Kind = "StorageV2", Properties = new StorageAccountProperties { NetworkAcls = new NetworkRuleSet { DefaultAction = "Deny" } } });
        var request = WorkflowScenario.NewCache();
        request.Sku = "Premium";
        request.Size = "P1";
        request.RedisConfiguration = new Dictionary<string, string>
        {
            ["rdb-backup-enabled"] = "true",
            ["rdb-storage-connection-string"] = "DefaultEndpointsProtocol=https;AccountName=backups1;AccountKey=c2VjcmV0LWtleQ==;EndpointSuffix=core.windows.net",
        };

        var error = await AssertRefusedAsync(scenario, request, WorkflowErrorIds.PersistenceStorageFirewallUnsupported);

        Assert.Contains("'backups1'", error.Message);
        Assert.DoesNotContain("c2VjcmV0LWtleQ", error.Message);
    }

    [Fact]
    public async Task ASubnetIdThatDoesNotExistIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = WithoutNamedNetwork(WorkflowScenario.NewCache());
        request.SubnetId = scenario.SubnetId("vnet-missing", "endpoints").ToString();

        await AssertRefusedAsync(scenario, request, WorkflowErrorIds.SubnetNotFound);
    }

    [Theory]
    [InlineData("endpoints", ValidationErrorIds.InvalidResourceId)]
    [InlineData("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet1", ValidationErrorIds.WrongResourceType)]
    public async Task ASubnetIdThatIsNotASubnetIdIsRefused(string subnetId, string errorId)
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = WithoutNamedNetwork(WorkflowScenario.NewCache());
        request.SubnetId = subnetId;

        await AssertRefusedAsync(scenario, request, errorId);
        Assert.Empty(await scenario.Control.RequestsAsync());
    }

    [Fact]
    public async Task ARequestWithoutANetworkIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = WithoutNamedNetwork(WorkflowScenario.NewCache());

        await AssertRefusedAsync(scenario, request, WorkflowErrorIds.NetworkNotSpecified);
    }

    [Fact]
    public async Task ASubnetIdWithNetworkNamesIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = WorkflowScenario.NewCache();
        request.SubnetId = scenario.SubnetId().ToString();

        var error = await AssertRefusedAsync(scenario, request, WorkflowErrorIds.ConflictingNetworkParameters);

        Assert.Contains("-VirtualNetworkName, -AddressPrefix, -SubnetName, -SubnetPrefix", error.Message);
    }

    [Fact]
    public async Task ANewNetworkWithoutAnAddressSpaceIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = WorkflowScenario.NewCache();
        request.AddressPrefix = null;

        await AssertRefusedAsync(scenario, request, WorkflowErrorIds.AddressPrefixRequired);
    }

    [Fact]
    public async Task APrivateDnsZoneOfAnotherNameIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = WorkflowScenario.NewCache();
        request.PrivateDnsZoneId = Engine.Arm.ResourceId.ForResource(scenario.Subscription, "rg-hub", "Microsoft.Network/privateDnsZones", "privatelink.blob.core.windows.net").ToString();

        await AssertRefusedAsync(scenario, request, WorkflowErrorIds.WrongPrivateDnsZoneName);
    }

    [Fact]
    public async Task APrivateDnsZoneThatDoesNotExistIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var request = WorkflowScenario.NewCache();
        request.PrivateDnsZoneResourceGroupName = "rg-hub";

        await AssertRefusedAsync(scenario, request, WorkflowErrorIds.PrivateDnsZoneNotFound);
    }

    [Fact]
    public async Task AnEndpointNameUsedForAnotherTargetIsRefused()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateAsync(WorkflowScenario.NewCache("cache1"));
        var request = WorkflowScenario.NewCache("cache2");
        request.PrivateEndpointName = "cache1-pe";

        var error = await AssertRefusedAsync(scenario, request, WorkflowErrorIds.PrivateEndpointNameInUse);

        Assert.Contains("cache1", error.Message);
    }

    private static NewPrivateCacheRequest WithoutNamedNetwork(NewPrivateCacheRequest request)
    {
        request.VirtualNetworkName = null;
        request.AddressPrefix = null;
        request.SubnetName = null;
        request.SubnetPrefix = null;
        return request;
    }
}

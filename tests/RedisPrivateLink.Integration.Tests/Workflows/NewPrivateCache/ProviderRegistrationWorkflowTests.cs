using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;
using RedisPrivateLink.Tests.Shared;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// A subscription that never used Microsoft.Cache or Microsoft.Network: New- and Add- register the namespace before
/// their first write (a plan step -WhatIf shows), the gateway registers on a refusal it meets anyway, and a 409 that
/// is a management lock is neither "name taken" nor retried.
/// </summary>
public sealed class ProviderRegistrationWorkflowTests
{
    [Theory]
    [InlineData("Microsoft.Cache", false)]
    [InlineData("Microsoft.Cache", true)]
    [InlineData("Microsoft.Network", false)]
    [InlineData("Microsoft.Network", true)]
    public async Task NewRegistersTheUnregisteredNamespaceFirstAndCreatesTheCache(string providerNamespace, bool managedRedis)
    {
        await using var scenario = await WorkflowScenario.StartAsync(o => o.UnregisteredProviders.Add(providerNamespace));
        var verbose = new RecordingReporter();
        using var reporting = OperationReporter.Use(verbose);

        var prepared = await scenario.PrepareAsync(Request(managedRedis));
        var result = await WorkflowScenario.RunAsync(prepared);

        var first = prepared.Plan.Describe()[0];
        Assert.Equal(("Register", StepKeys.ResourceProvider(providerNamespace)), (first.Action, first.Key));
        Assert.All(prepared.Plan.Steps.Skip(1), step => Assert.Contains(first.Key, step.DependsOn));
        Assert.DoesNotContain(prepared.Notices, n => n.Contains("already taken", StringComparison.Ordinal));
        Assert.All(result.Steps.Skip(1), step => Assert.Equal(StepOutcome.Created, step.Outcome));
        Assert.Equal("Registered", await StateAsync(scenario, providerNamespace));
        var writes = await scenario.Control.WritesAsync();
        Assert.EndsWith($"/providers/{providerNamespace}/register", writes[0].Path, StringComparison.OrdinalIgnoreCase);
        Assert.Single(writes, w => w.Path.EndsWith("/register", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(await scenario.Control.WritesAsync(), w => w.Status == 409);
        Assert.Contains(verbose.VerboseLines, line => line.StartsWith($"Registering resource provider '{providerNamespace}'", StringComparison.Ordinal));
        Assert.Equal("Succeeded", managedRedis
            ? (await scenario.RequireAsync<ManagedRedisCluster>(scenario.ClusterId())).Properties!.ProvisioningState
            : (await scenario.RequireAsync<RedisCache>(scenario.CacheId())).Properties!.ProvisioningState);
        Assert.NotNull(await scenario.Arm.GetAsync<PrivateEndpoint>(scenario.EndpointId()));
    }

    [Fact]
    public async Task PreparingWithAnUnregisteredNamespaceShowsTheRegistrationAndWritesNothing()
    {
        await using var scenario = await WorkflowScenario.StartAsync(o => o.UnregisteredProviders.Add("Microsoft.Cache"));
        await scenario.Control.ClearRequestsAsync();

        var prepared = await scenario.PrepareAsync(WorkflowScenario.NewCache());

        Assert.Empty(await scenario.Control.WritesAsync());
        Assert.Equal("NotRegistered", await StateAsync(scenario, "Microsoft.Cache"));
        Assert.Equal(
            $"Register resource provider 'Microsoft.Cache' in subscription '{scenario.Subscription}' (it is not registered; needs 'Microsoft.Cache/register/action')",
            prepared.Plan.Describe()[0].Description);
        Assert.Single(prepared.Plan.Steps, step => step.Action == "Register");
        Assert.Contains(prepared.Notices, n => n.StartsWith("Whether the cache name 'cache1' is free cannot be checked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANamespaceUnregisteredAfterValidationIsRegisteredWhenTheWriteIsRefusedAndTheWriteSentOnceMore()
    {
        await using var scenario = await WorkflowScenario.StartAsync();
        var prepared = await scenario.PrepareAsync(WorkflowScenario.NewCache());
        Assert.DoesNotContain(prepared.Plan.Steps, step => step.Action == "Register");
        await scenario.Control.UnregisterProviderAsync("Microsoft.Cache");

        var result = await WorkflowScenario.RunAsync(prepared);

        Assert.All(result.Steps, step => Assert.Equal(StepOutcome.Created, step.Outcome));
        var cachePuts = (await scenario.Control.RequestsAsync()).Where(r => r.Method == "PUT" && r.Path.EndsWith("/redis/cache1", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(new[] { 409, 201 }, cachePuts.Select(r => r.Status));
        Assert.Equal("Registered", await StateAsync(scenario, "Microsoft.Cache"));
    }

    [Fact]
    public async Task AddRegistersMicrosoftNetworkBeforeItsFirstWrite()
    {
        // The cache made directly, so this context has not seen Microsoft.Network registered (it would remember that).
        await using var scenario = await WorkflowScenario.StartAsync(o => o.UnregisteredProviders.Add("Microsoft.Network"));
        await scenario.CreateGroupAsync(WorkflowScenario.Group);
        await scenario.Arm.PutAsync(scenario.CacheId(), new RedisCache
        {
            Location = WorkflowScenario.Location,
            Properties = new RedisCacheProperties { Sku = new RedisSku { Name = "Standard", Family = "C", Capacity = 1 }, PublicNetworkAccess = "Disabled" },
        });
        await scenario.Control.ClearRequestsAsync();

        var prepared = await scenario.PrepareAsync(new AddPrivateEndpointRequest
        {
            CacheId = scenario.CacheId().ToString(),
            VirtualNetworkName = "vnet2",
            ResourceGroupName = WorkflowScenario.Group,
            AddressPrefix = new[] { "10.1.0.0/16" },
            SubnetName = "endpoints",
            SubnetPrefix = "10.1.1.0/24",
        });
        await WorkflowScenario.RunAsync(prepared);

        Assert.Equal(StepKeys.ResourceProvider("Microsoft.Network"), prepared.Plan.Describe()[0].Key);
        Assert.EndsWith("/providers/Microsoft.Network/register", (await scenario.Control.WritesAsync())[0].Path, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(await scenario.Control.WritesAsync(), w => w.Method == "PUT" && w.Path.Contains("/privateEndpoints/", StringComparison.OrdinalIgnoreCase) && w.Status is 200 or 201);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ALockedResourceGroupStopsTheCreateWithResourceLockedNotNameTakenAndIsNotRetried(bool managedRedis)
    {
        // The network and the DNS zone in another group, so the cache's PUT is the first write the lock refuses.
        await using var scenario = await WorkflowScenario.StartAsync();
        await scenario.CreateGroupAsync("rg-net");
        await scenario.CreateNetworkAsync("vnet1", "rg-net", "10.0.0.0/16", ("endpoints", "10.0.1.0/24", "Disabled"));
        var zoneId = managedRedis ? scenario.ManagedRedisZoneId("rg-net") : scenario.ZoneId("rg-net");
        await scenario.Arm.PutAsync(zoneId, new PrivateDnsZone { Location = "global" });
        await scenario.CreateGroupAsync(WorkflowScenario.Group);
        await scenario.Control.LockResourceGroupAsync(WorkflowScenario.Group);
        await scenario.Control.ClearRequestsAsync();
        var request = Request(managedRedis);
        (request.VirtualNetworkName, request.AddressPrefix, request.SubnetName, request.SubnetPrefix) = (null, null, null, null);
        request.SubnetId = scenario.SubnetId(group: "rg-net").ToString();
        request.PrivateDnsZoneResourceGroupName = "rg-net";

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(() => scenario.CreateAsync(request));

        Assert.Equal(StepKeys.Cache, failure.FailedStep.Key);
        var locked = Assert.IsType<RedisPrivateLinkException>(failure.InnerException);
        Assert.Equal(ArmErrorIds.ResourceLocked, locked.ErrorId);
        Assert.Contains("Remove the lock", locked.Message, StringComparison.Ordinal);
        Assert.Equal("ScopeLocked", Assert.IsType<ArmException>(locked.InnerException).Code);
        var refused = (await scenario.Control.RequestsAsync()).Where(r => r.Status == 409).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused.GroupBy(r => (r.Method, r.Path)), attempts => Assert.Single(attempts));
    }

    private static NewPrivateCacheRequest Request(bool managedRedis)
    {
        var request = WorkflowScenario.NewCache();
        if (managedRedis)
        {
            request.Sku = "Balanced_B5";
            request.Size = null;
        }

        return request;
    }

    private static async Task<string?> StateAsync(WorkflowScenario scenario, string providerNamespace) =>
        await ResourceProviderRegistration.ReadStateAsync(scenario.Arm, scenario.Subscription, providerNamespace, CancellationToken.None);
}

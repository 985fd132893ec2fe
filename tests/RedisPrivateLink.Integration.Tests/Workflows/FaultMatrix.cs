using System.Text.Json;
using Azure.Core;
using RedisPrivateLink.Emulator.Control;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Plans;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// The fault matrix's rows (<see cref="Rows"/>) for every cmdlet but Convert (<see cref="ConvertFaultMatrix"/>): each
/// write of New-, Add-, Set-, Remove- and Approve-/Deny- with one fault injected on it — a 429, a 500, a dropped
/// connection, an answer held past the client's timeout, the last two after ARM acted on the write, a long-running
/// operation that ends Failed, and Ctrl+C as the write is sent, while ARM holds it and while it is polled. Transient
/// faults recover within the run; the others stop it, the same command then converges and a third run writes nothing.
/// Every row checks the whole end state, nothing duplicated or orphaned. <see cref="FaultMatrixLanes"/> runs the rows.
/// </summary>
public sealed class FaultMatrix
{
    public const string Throttled = "429";
    public const string ServerError = "500";
    public const string Dropped = "drop";
    public const string OperationFailed = "lroFailed";

    /// <summary>The answer held back past the client's network timeout (<see cref="NetworkTimeout"/>): the client abandons it, ARM never acts on it.</summary>
    public const string TimedOut = "timeout";

    /// <summary>ARM acts on the write (the resource written, its operation started), then drops the connection instead of answering.</summary>
    public const string DroppedAfterActing = "accepted/drop";

    /// <summary>ARM acts on the write, then holds its answer past the client's network timeout: the client abandons it, the work is done.</summary>
    public const string TimedOutAfterActing = "accepted/timeout";


    /// <summary>Add's network step when the VNet exists and the endpoint's subnet is added to it (a subnet PUT).</summary>
    public const string AddedSubnet = "network/added-subnet";

    /// <summary>
    /// The endpoint goes in an existing subnet (-SubnetId) whose private endpoint network policies are Enabled: the
    /// subnet is used as it is, so the plan has no network step and nothing writes to the network.
    /// </summary>
    public const string EnabledSubnet = "network/enabled-subnet";

    /// <summary>New's cache step for Azure Managed Redis, at its second write: the database PUT that follows the cluster's.</summary>
    public const string ManagedRedisDatabase = "cache/database";

    /// <summary>Approve-RedisPrivateEndpointConnection's PUT of the connection state.</summary>
    public const string Approve = "connection/approve";

    /// <summary>Deny-RedisPrivateEndpointConnection's PUT of the connection state.</summary>
    public const string Deny = "connection/deny";

    /// <summary>Ctrl+C as the step's write is about to be sent.</summary>
    public const string CtrlCBeforeSending = "ctrl+c/sending";

    /// <summary>Ctrl+C while ARM holds the step's write unanswered.</summary>
    public const string CtrlCWhileHeld = "ctrl+c/held";

    /// <summary>Ctrl+C while the engine polls the step's long-running operation.</summary>
    public const string CtrlCWhilePolling = "ctrl+c/polling";

    /// <summary>Short, so a held answer costs the matrix little; the emulator answers everything else in milliseconds.</summary>
    internal static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(1);

    private static readonly string[] Faults = { Throttled, ServerError, Dropped, TimedOut, DroppedAfterActing, TimedOutAfterActing, OperationFailed, CtrlCBeforeSending, CtrlCWhileHeld, CtrlCWhilePolling };

    /// <summary>The faults after which ARM has acted although the client got no answer.</summary>
    internal static bool ActedOn(string fault) => fault is DroppedAfterActing or TimedOutAfterActing;

    internal static readonly Dictionary<string, CtrlCMoment> CtrlCMoments = new()
    {
        [CtrlCBeforeSending] = CtrlCMoment.BeforeSending,
        [CtrlCWhileHeld] = CtrlCMoment.WhileHeld,
        [CtrlCWhilePolling] = CtrlCMoment.WhilePolling,
    };

    /// <summary>Every row of the matrix, in one place: each cmdlet's writes and faults, Convert's after the others.</summary>
    internal static IReadOnlyList<FaultMatrixRow> Rows { get; } = new[]
    {
        CmdletRows("New-RedisPrivateCache", (m, step, fault) => m.NewPrivateCacheAsync(step, fault), Matrix(
            StepKeys.ResourceGroup, StepKeys.Network, EnabledSubnet, StepKeys.PrivateDnsZone,
            StepKeys.Cache, StepKeys.ZoneLink, StepKeys.PrivateEndpoint, StepKeys.DnsZoneGroup)),
        CmdletRows("New-RedisPrivateCache -Sku Balanced_B5", (m, step, fault) => m.NewManagedRedisCacheAsync(step, fault), Matrix(
            StepKeys.ResourceGroup, StepKeys.Network, StepKeys.PrivateDnsZone, StepKeys.Cache,
            ManagedRedisDatabase, StepKeys.ZoneLink, StepKeys.PrivateEndpoint, StepKeys.DnsZoneGroup)),
        CmdletRows("Add-RedisPrivateEndpoint", (m, step, fault) => m.AddPrivateEndpointAsync(step, fault), Matrix(
            StepKeys.ResourceGroup, StepKeys.Network, AddedSubnet, EnabledSubnet, StepKeys.ZoneLink, StepKeys.PrivateEndpoint, StepKeys.DnsZoneGroup)),
        CmdletRows("Set-RedisPublicNetworkAccess", (m, step, fault) => m.SetPublicNetworkAccessAsync(step, fault), Matrix(
            PublicNetworkAccessWorkflow.StepKey)),
        CmdletRows("Remove-RedisPrivateEndpoint", (m, step, fault) => m.RemovePrivateEndpointAsync(step, fault), Matrix(
            StepKeys.ZoneLink, StepKeys.DnsZoneGroup, StepKeys.PrivateEndpoint)),
        CmdletRows("Approve-/Deny-RedisPrivateEndpointConnection", (m, step, fault) => m.DecideEndpointConnectionAsync(step, fault), Matrix(
            Approve, Deny)),
        ConvertFaultMatrix.Rows,
    }.SelectMany(rows => rows).ToList();

    private readonly WorkflowScenario _scenario;

    internal FaultMatrix(WorkflowScenario scenario)
    {
        _scenario = scenario;
    }

    internal async Task NewPrivateCacheAsync(string step, string fault)
    {
        var s = _scenario;
        await s.Control.ResetAsync();
        var request = WorkflowScenario.NewCache();
        if (step == EnabledSubnet)
        {
            await s.CreateNetworkAsync("vnet1", WorkflowScenario.Group, "10.0.0.0/16", ("endpoints", "10.0.1.0/24", "Enabled"));
            request.VirtualNetworkName = request.SubnetName = request.SubnetPrefix = null;
            request.AddressPrefix = null;
            request.SubnetId = s.SubnetId().ToString();
        }

        var target = step switch
        {
            StepKeys.ResourceGroup => "*/resourceGroups/rg-app",
            StepKeys.Network => "*/resourceGroups/rg-app/providers/Microsoft.Network/virtualNetworks/vnet1",
            EnabledSubnet => "*/resourceGroups/rg-app/providers/Microsoft.Network/virtualNetworks/vnet1*",
            StepKeys.PrivateDnsZone => "*/resourceGroups/rg-app/providers/Microsoft.Network/privateDnsZones/" + WorkflowScenario.Zone,
            StepKeys.Cache => "*/resourceGroups/rg-app/providers/Microsoft.Cache/redis/cache1",
            StepKeys.ZoneLink => "*/privateDnsZones/" + WorkflowScenario.Zone + "/virtualNetworkLinks/vnet1-link",
            StepKeys.PrivateEndpoint => "*/resourceGroups/rg-app/providers/Microsoft.Network/privateEndpoints/cache1-pe",
            _ => "*/privateEndpoints/cache1-pe/privateDnsZoneGroups/default",
        };

        if (step == EnabledSubnet)
        {
            await ExpectNoNetworkWriteAsync(fault, target, () => RunAsync(s.PrepareAsync(request), CancellationToken.None));
        }
        else
        {
            await RunWithFaultAsync(step, step, fault, target, ctrlC => RunAsync(s.PrepareAsync(request), ctrlC), StepOutcome.Created);
        }

        var expected = new Expected
        {
            Groups = { WorkflowScenario.Group },
            Networks = { s.VnetId() },
            Endpoints = { (s.EndpointId(), s.SubnetId()) },
        };
        if (step == EnabledSubnet)
        {
            expected.SubnetPolicies[s.SubnetId()] = "Enabled";
        }

        await AssertEndStateAsync(expected);
        var subnet = Assert.Single((await s.RequireAsync<VirtualNetwork>(s.VnetId())).Properties!.Subnets!);
        Assert.Equal("10.0.1.0/24", subnet.Properties!.AddressPrefix);
    }

    /// <summary>
    /// New-RedisPrivateCache -Sku Balanced_B5: the cache step writes the cluster, then once it runs its database, a row
    /// of its own; the endpoint connects with group redisEnterprise, in zone privatelink.redis.azure.net.
    /// </summary>
    internal async Task NewManagedRedisCacheAsync(string step, string fault)
    {
        var s = _scenario;
        await s.Control.ResetAsync();
        var request = WorkflowScenario.NewCache();
        request.Sku = "Balanced_B5";
        request.Size = null;

        var target = step switch
        {
            StepKeys.ResourceGroup => "*/resourceGroups/rg-app",
            StepKeys.Network => "*/resourceGroups/rg-app/providers/Microsoft.Network/virtualNetworks/vnet1",
            StepKeys.PrivateDnsZone => "*/resourceGroups/rg-app/providers/Microsoft.Network/privateDnsZones/" + WorkflowScenario.ManagedRedisZone,
            StepKeys.Cache => "*/resourceGroups/rg-app/providers/Microsoft.Cache/redisEnterprise/cache1",
            ManagedRedisDatabase => "*/redisEnterprise/cache1/databases/default",
            StepKeys.ZoneLink => "*/privateDnsZones/" + WorkflowScenario.ManagedRedisZone + "/virtualNetworkLinks/vnet1-link",
            StepKeys.PrivateEndpoint => "*/resourceGroups/rg-app/providers/Microsoft.Network/privateEndpoints/cache1-pe",
            _ => "*/privateEndpoints/cache1-pe/privateDnsZoneGroups/default",
        };

        // A Failed database under a healthy cluster: the plan uses the cluster, and its step sends the database again.
        var rerun = step != ManagedRedisDatabase ? null : new Rerun
        {
            Shows = result =>
            {
                var second = result[StepKeys.Cache];
                Assert.Equal("Use", second.Step.Action);
                Assert.Equal(StepOutcome.Reused, second.Outcome);
                Assert.Equal("database 'default' was Failed; sent again", second.Message);
            },
        };
        var stepKey = step == ManagedRedisDatabase ? StepKeys.Cache : step;

        // The zone group and the database are both named 'default': Ctrl+C while the zone group's operation is polled
        // waits for the zone group step, so the database's operation, polled before it, is not taken for it.
        var fromStep = step == StepKeys.DnsZoneGroup ? (await s.PrepareAsync(request)).Plan.Steps.Single(p => p.Key == step) : null;
        await RunWithFaultAsync(stepKey, step, fault, target, ctrlC => RunAsync(s.PrepareAsync(request), ctrlC), StepOutcome.Created, rerun, fromStep);

        await AssertEndStateAsync(new Expected
        {
            ManagedRedis = true,
            Groups = { WorkflowScenario.Group },
            Networks = { s.VnetId() },
            Endpoints = { (s.EndpointId(), s.SubnetId()) },
        });
        var subnet = Assert.Single((await s.RequireAsync<VirtualNetwork>(s.VnetId())).Properties!.Subnets!);
        Assert.Equal("10.0.1.0/24", subnet.Properties!.AddressPrefix);
    }

    internal async Task AddPrivateEndpointAsync(string step, string fault)
    {
        var s = _scenario;
        await s.Control.ResetAsync();
        await s.CreateAsync(WorkflowScenario.NewCache());
        var existingNetwork = step is AddedSubnet or EnabledSubnet;
        if (existingNetwork)
        {
            await s.CreateNetworkAsync("vnet3", "rg-spoke", "10.3.0.0/16", ("apps", "10.3.0.0/24", "Enabled"));
        }

        var vnet = existingNetwork ? "vnet3" : "vnet2";
        var endpointSubnet = step == EnabledSubnet ? s.SubnetId("vnet3", "apps", "rg-spoke") : s.SubnetId(vnet, "endpoints", "rg-spoke");
        var endpointName = "cache1-pe-" + vnet;
        var target = step switch
        {
            StepKeys.ResourceGroup => "*/resourceGroups/rg-spoke",
            StepKeys.Network => "*/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet2",
            AddedSubnet => "*/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet3/subnets/endpoints",
            EnabledSubnet => "*/resourceGroups/rg-spoke/providers/Microsoft.Network/virtualNetworks/vnet3*",
            StepKeys.ZoneLink => "*/privateDnsZones/" + WorkflowScenario.Zone + "/virtualNetworkLinks/" + vnet + "-link",
            StepKeys.PrivateEndpoint => "*/resourceGroups/rg-spoke/providers/Microsoft.Network/privateEndpoints/" + endpointName,
            _ => "*/privateEndpoints/" + endpointName + "/privateDnsZoneGroups/default",
        };
        AddPrivateEndpointRequest Request() => step switch
        {
            AddedSubnet => new AddPrivateEndpointRequest
            {
                CacheId = s.CacheId().ToString(),
                VirtualNetworkName = "vnet3",
                VirtualNetworkResourceGroupName = "rg-spoke",
                SubnetName = "endpoints",
                SubnetPrefix = "10.3.1.0/24",
            },
            EnabledSubnet => new AddPrivateEndpointRequest { CacheId = s.CacheId().ToString(), SubnetId = endpointSubnet.ToString() },
            _ => new AddPrivateEndpointRequest
            {
                CacheId = s.CacheId().ToString(),
                VirtualNetworkName = "vnet2",
                VirtualNetworkResourceGroupName = "rg-spoke",
                AddressPrefix = new[] { "10.1.0.0/16" },
                SubnetName = "endpoints",
                SubnetPrefix = "10.1.0.0/24",
            },
        };

        if (step == EnabledSubnet)
        {
            await ExpectNoNetworkWriteAsync(fault, target, () => RunAsync(s.PrepareAsync(Request()), CancellationToken.None));
        }
        else
        {
            await RunWithFaultAsync(existingNetwork ? StepKeys.Network : step, step, fault, target, ctrlC => RunAsync(s.PrepareAsync(Request()), ctrlC), StepOutcome.Created);
        }

        var expected = new Expected
        {
            Groups = { WorkflowScenario.Group, "rg-spoke" },
            Networks = { s.VnetId(), s.VnetId(vnet, "rg-spoke") },
            Endpoints = { (s.EndpointId(), s.SubnetId()), (s.EndpointId(endpointName, "rg-spoke"), endpointSubnet) },
        };
        if (step == EnabledSubnet)
        {
            expected.SubnetPolicies[endpointSubnet] = "Enabled";
        }

        await AssertEndStateAsync(expected);
        if (existingNetwork)
        {
            // The other subnet of the existing network survived every write untouched, its policies Enabled included.
            var subnets = (await s.RequireAsync<VirtualNetwork>(s.VnetId("vnet3", "rg-spoke"))).Properties!.Subnets!.ToDictionary(n => n.Name!, n => n.Properties!);
            Assert.Equal(step == AddedSubnet ? new[] { "apps", "endpoints" } : new[] { "apps" }, subnets.Keys.OrderBy(k => k, StringComparer.Ordinal));
            Assert.Equal("10.3.0.0/24", subnets["apps"].AddressPrefix);
            Assert.Equal("Enabled", subnets["apps"].PrivateEndpointNetworkPolicies);
        }
    }

    /// <summary>Set-RedisPublicNetworkAccess -PublicNetworkAccess Disabled on a private cache someone opened: one PATCH.</summary>
    internal async Task SetPublicNetworkAccessAsync(string step, string fault)
    {
        var s = _scenario;
        await s.Control.ResetAsync();
        await s.CreateAsync(WorkflowScenario.NewCache());
        await s.Arm.PatchAsync<RedisCache>(s.CacheId(), new { properties = new { publicNetworkAccess = PublicNetworkAccessWorkflow.Enabled } });
        Task<PlanResult> Run(CancellationToken ctrlC) => RunAsync(
            PublicNetworkAccessWorkflow.PrepareAsync(s.Azure.Context, s.CacheId().ToString(), PublicNetworkAccessWorkflow.Disabled, force: false, noWait: false, CancellationToken.None), ctrlC);

        await RunWithFaultAsync(step, step, fault, "*/resourceGroups/rg-app/providers/Microsoft.Cache/redis/cache1", Run, StepOutcome.Updated, new Rerun
        {
            Method = "PATCH",
            Shows = result =>
            {
                Assert.Equal(StepOutcome.Updated, result[step].Outcome);
                Assert.Equal("was Failed; sent again; public network access is Disabled", result[step].Message);
            },
        });

        await AssertEndStateAsync(new Expected
        {
            Groups = { WorkflowScenario.Group },
            Networks = { s.VnetId() },
            Endpoints = { (s.EndpointId(), s.SubnetId()) },
        });
    }

    /// <summary>
    /// Remove-RedisPrivateEndpoint -RemoveDnsZoneLink of the second of a cache's two endpoints: its network's zone link,
    /// its zone group, then the endpoint, each a DELETE with an operation to poll.
    /// </summary>
    internal async Task RemovePrivateEndpointAsync(string step, string fault)
    {
        var s = _scenario;
        await s.Control.ResetAsync();
        await s.CreateAsync(WorkflowScenario.NewCache());
        await WorkflowScenario.RunAsync(await s.PrepareAsync(new AddPrivateEndpointRequest
        {
            CacheId = s.CacheId().ToString(),
            VirtualNetworkName = "vnet2",
            VirtualNetworkResourceGroupName = "rg-spoke",
            AddressPrefix = new[] { "10.1.0.0/16" },
            SubnetName = "endpoints",
            SubnetPrefix = "10.1.0.0/24",
        }));
        var removed = s.EndpointId("cache1-pe-vnet2", "rg-spoke");
        var (stepKey, target) = step switch
        {
            StepKeys.ZoneLink => (RemovePrivateEndpointWorkflow.ZoneLinkStepKey(s.ZoneId()), "*/privateDnsZones/" + WorkflowScenario.Zone + "/virtualNetworkLinks/vnet2-link"),
            StepKeys.DnsZoneGroup => (RemovePrivateEndpointWorkflow.ZoneGroupStepKey("default"), "*/privateEndpoints/cache1-pe-vnet2/privateDnsZoneGroups/default"),
            _ => (StepKeys.PrivateEndpoint, "*/resourceGroups/rg-spoke/providers/Microsoft.Network/privateEndpoints/cache1-pe-vnet2"),
        };
        Task<PlanResult> Run(CancellationToken ctrlC) => RunAsync(
            RemovePrivateEndpointWorkflow.PrepareAsync(s.Azure.Context, removed.ToString(), force: false, removeDnsZoneLink: true, CancellationToken.None), ctrlC);

        await RunWithFaultAsync(stepKey, step, fault, target, Run, StepOutcome.Deleted, new Rerun
        {
            Method = "DELETE",
            Shows = result => Assert.Equal(StepOutcome.Deleted, result[stepKey].Outcome),

            // Once the endpoint is gone there is nothing to remove: the command says so, and writes nothing.
            Settled = async () => Assert.Equal(WorkflowErrorIds.PrivateEndpointNotFound,
                (await Assert.ThrowsAsync<RedisPrivateLinkException>(() => Run(CancellationToken.None))).ErrorId),

            // Ctrl+C while the endpoint's deletion was polled leaves it to finish in Azure: then there is nothing to resume.
            Resume = async () =>
            {
                if (await s.Arm.GetAsync<PrivateEndpoint>(removed) is null)
                {
                    Assert.True(step == StepKeys.PrivateEndpoint && fault == CtrlCWhilePolling, $"{step}/{fault}: the endpoint is gone before its deletion was sent.");
                    return;
                }

                await Run(CancellationToken.None);
            },
        });

        // The spoke network stays, without its link; the zone group's deletion took the cache's record with it.
        await AssertEndStateAsync(new Expected
        {
            Groups = { WorkflowScenario.Group, "rg-spoke" },
            Networks = { s.VnetId() },
            UnlinkedNetworks = { s.VnetId("vnet2", "rg-spoke") },
            Endpoints = { (s.EndpointId(), s.SubnetId()) },
            RecordDeleted = true,
        });
    }

    /// <summary>Approve- or Deny-RedisPrivateEndpointConnection of a cache's manually requested second endpoint: one PUT.</summary>
    internal async Task DecideEndpointConnectionAsync(string step, string fault)
    {
        var s = _scenario;
        await s.Control.ResetAsync();
        await s.CreateAsync(WorkflowScenario.NewCache());
        await PrivateLinkArrangements.AddManualEndpointAsync(s);
        var connectionName = await PrivateLinkArrangements.ConnectionNameAsync(s, PrivateLinkArrangements.ManualEndpointName);
        var approve = step == Approve;
        Task<PlanResult> Run(CancellationToken ctrlC) => RunAsync(
            EndpointConnectionWorkflow.PrepareAsync(s.Azure.Context, s.CacheId().ToString(), connectionName, approve, "decided by the fault matrix", CancellationToken.None), ctrlC);

        await RunWithFaultAsync(EndpointConnectionWorkflow.StepKey, step, fault, "*/redis/cache1/privateEndpointConnections/" + connectionName, Run, StepOutcome.Updated, new Rerun
        {
            // A connection shows no provisioning state, only its status, which the Failed PUT already set: the
            // re-run finds the decision made, on the cache and on the endpoint (asserted below), and writes nothing.
            Shows = result => Assert.Empty(result.Steps),
        });

        var manual = s.EndpointId(PrivateLinkArrangements.ManualEndpointName, PrivateLinkArrangements.ManualEndpointGroup);
        var expected = new Expected
        {
            Groups = { WorkflowScenario.Group, PrivateLinkArrangements.ManualEndpointGroup },
            Networks = { s.VnetId(), s.VnetId("vnet2", PrivateLinkArrangements.ManualEndpointGroup) },
            Endpoints = { (s.EndpointId(), s.SubnetId()), (manual, s.SubnetId("vnet2", "endpoints", PrivateLinkArrangements.ManualEndpointGroup)) },
        };
        if (!approve)
        {
            // A rejected endpoint keeps its NIC and zone group, and so the record its zone group wrote, but gets no DNS configuration.
            expected.Statuses[manual] = "Rejected";
            expected.RecordAddress = "10.1.0.4";
        }

        await AssertEndStateAsync(expected);
    }

    /// <summary>Runs a prepared plan (prepared without the token: Ctrl+C is pressed during the run) until Ctrl+C.</summary>
    private static async Task<PlanResult> RunAsync(Task<PreparedWorkflow> preparing, CancellationToken ctrlC) =>
        await PlanExecutor.RunAsync((await preparing).Plan, cancellationToken: ctrlC);

    /// <summary>Every fault at each step's write; a resource group PUT is synchronous in ARM, so it has no operation to fail or poll.</summary>
    private static IEnumerable<(string Step, string Fault)> Matrix(params string[] steps) =>
        from step in steps
        from fault in Faults
        where !(step == StepKeys.ResourceGroup && fault is OperationFailed or CtrlCWhilePolling)
        select (step, fault);

    private static IEnumerable<FaultMatrixRow> CmdletRows(
        string cmdlet, Func<FaultMatrix, string, string, Task> body, IEnumerable<(string Step, string Fault)> cases) =>
        cases.Select(c => new FaultMatrixRow(cmdlet, c.Step, c.Fault, scenario => body(new FaultMatrix(scenario), c.Step, c.Fault)));

    /// <summary>
    /// Arms one fault on the step's write (a PUT unless <paramref name="rerun"/> names another method) and runs the
    /// workflow. A transient fault must be absorbed by the gateway's retry (once, after Retry-After for the 429); an
    /// operation that ends Failed must stop the run at that step, and the same command run again must converge
    /// (by default: send the Failed resource again, saying so); a third run must write nothing. Ctrl+C is pressed as
    /// <see cref="InterruptAsync"/> says, watching from <paramref name="fromStep"/>'s start when it is given.
    /// </summary>
    /// <summary>
    /// The <see cref="EnabledSubnet"/> rows: the fault is armed on every write to the network, yet the run completes
    /// without a network step and without sending any write there, so the fault is still armed at the end. A Ctrl+C
    /// row has no network write to press it at; it checks the same.
    /// </summary>
    private async Task ExpectNoNetworkWriteAsync(string fault, string networkPattern, Func<Task<PlanResult>> run)
    {
        var s = _scenario;
        await s.Control.ClearRequestsAsync();
        var armed = !CtrlCMoments.ContainsKey(fault);
        if (armed)
        {
            await s.Control.AddFaultAsync(FaultRule(fault, "PUT", networkPattern));
        }

        var result = await run();

        Assert.DoesNotContain(result.Steps, step => step.Key == StepKeys.Network);
        Assert.DoesNotContain(await s.Control.WritesAsync(), r => Matches(networkPattern, r.Path));
        Assert.Equal(armed ? 1 : 0, (await s.Control.FaultsAsync()).Count);
    }

    internal static object FaultRule(string fault, string method, string pathPattern) => fault switch
    {
        Throttled => new { method, pathPattern, kind = "status", status = 429, retryAfter = 1, count = 1 },
        ServerError => new { method, pathPattern, kind = "status", status = 500, count = 1 },
        Dropped => new { method, pathPattern, kind = "drop", count = 1 },
        TimedOut => new { method, pathPattern, kind = "delay", delayMs = (int)(NetworkTimeout.TotalMilliseconds * 30), count = 1 },
        DroppedAfterActing => new { method, pathPattern, kind = "dropAfterActing", count = 1 },
        TimedOutAfterActing => new { method, pathPattern, kind = "holdAfterActing", delayMs = (int)(NetworkTimeout.TotalMilliseconds * 30), count = 1 },
        _ => new { method, pathPattern, kind = "lroFailed", count = 1 },
    };

    private async Task RunWithFaultAsync(string stepKey, string row, string fault, string pathPattern, Func<CancellationToken, Task<PlanResult>> runUntil, StepOutcome cleanOutcome, Rerun? rerun = null, PlanStep? fromStep = null)
    {
        var s = _scenario;
        var method = rerun?.Method ?? "PUT";
        Func<Task<PlanResult>> run = () => runUntil(CancellationToken.None);
        await s.Control.ClearRequestsAsync();
        if (CtrlCMoments.TryGetValue(fault, out var moment))
        {
            await InterruptAsync(s, row, fault, moment, method, pathPattern, runUntil, fromStep);
            await ConvergesAsync(run, rerun);
            return;
        }

        await s.Control.AddFaultAsync(FaultRule(fault, method, pathPattern));

        if (fault != OperationFailed)
        {
            var result = await run();

            Assert.Empty(await s.Control.FaultsAsync());
            Assert.Equal(cleanOutcome, result[stepKey].Outcome);
            // In the order they were sent: the log has them as they ended, and an abandoned request may end last.
            var puts = (await s.Control.RequestsAsync()).Where(r => r.Method == method && Matches(pathPattern, r.Path))
                .OrderBy(r => r.Time - TimeSpan.FromMilliseconds(r.DurationMs)).ToList();
            // A dropped or abandoned request is logged without a status: the emulator never answered it.
            var expectedStatus = fault switch { Throttled => 429, ServerError => 500, _ => 0 };
            if (ActedOn(fault))
            {
                // ARM acted on the lost one: the write sent again meets its running operation (busy, 409) until it
                // ends, then is accepted as a no-op; a DELETE may find the resource already gone (404).
                Assert.True(puts.Count >= 2 && puts[0].Status == 0 && puts.Skip(1).Take(puts.Count - 2).All(p => p.Status == 409)
                    && (puts[^1].Status is >= 200 and < 300 || (method == "DELETE" && puts[^1].Status == 404)),
                    $"{row}/{fault}: expected the lost {method}, then busy refusals, then one accepted, got {string.Join(", ", puts.Select(p => p.Status))}.");
                return;
            }

            Assert.True(puts.Count == 2 && puts[0].Status == expectedStatus && puts[1].Status is >= 200 and < 300,
                $"{row}/{fault}: expected the faulted {method} then one successful retry, got {string.Join(", ", puts.Select(p => p.Status))}.");
            if (fault == Throttled)
            {
                // The retry waited for Retry-After (1 s) before it was sent: the emulator logs each request as it ends.
                var waited = puts[1].Time - puts[0].Time;
                Assert.True(waited >= TimeSpan.FromMilliseconds(950), $"{row}: the retry came {waited.TotalMilliseconds:0} ms after the 429, before its Retry-After of 1 s.");
            }

            return;
        }

        var failure = await Assert.ThrowsAsync<PlanStepFailedException>(run);
        Assert.Empty(await s.Control.FaultsAsync());
        Assert.Equal(stepKey, failure.FailedStep.Key);
        Assert.Contains($"Step '{failure.FailedStep.Description}' failed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("run the same command again", failure.Message, StringComparison.Ordinal);

        var rerunResult = await run();
        if (rerun?.Shows is { } shows)
        {
            shows(rerunResult);
        }
        else
        {
            var second = rerunResult[stepKey];
            // The re-run's plan says, before it runs (-WhatIf), that the Failed resource will be sent again; then it is.
            Assert.Equal("Update", second.Step.Action);
            Assert.StartsWith("Send ", second.Step.Description, StringComparison.Ordinal);
            Assert.Contains("again: its provisioning state is Failed", second.Step.Description, StringComparison.Ordinal);
            Assert.Equal(StepOutcome.Updated, second.Outcome);
            Assert.StartsWith("was Failed; sent again", second.Message, StringComparison.Ordinal);
        }

        await SettledAsync(run, rerun);
    }

    /// <summary>The same command once more finds nothing left to do and writes nothing.</summary>
    private async Task SettledAsync(Func<Task<PlanResult>> run, Rerun? rerun)
    {
        var s = _scenario;
        await s.Control.ClearRequestsAsync();
        if (rerun?.Settled is { } settled)
        {
            await settled();
        }
        else
        {
            var third = await run();
            Assert.All(third.Steps, r => Assert.Contains(r.Outcome, new[] { StepOutcome.Reused, StepOutcome.Unchanged }));
        }

        Assert.Empty(await s.Control.WritesAsync());
    }

    /// <summary>
    /// Presses Ctrl+C at one moment of the step's write. The run must stop with OperationCanceledException, promptly
    /// (the bound is a safety net, not a performance claim: the token, not a timer, stops the work), and the write
    /// must have reached ARM exactly as far as the moment says: not at all before it was sent, abandoned unanswered
    /// while held, accepted while its operation was polled. When earlier steps write the same path, <paramref name="fromStep"/>
    /// names the step whose write it is: the hold is armed, the moment watched for, and the write looked for in the
    /// request log, only from the moment that step starts.
    /// </summary>
    internal static async Task InterruptAsync(WorkflowScenario s, string row, string fault, CtrlCMoment moment, string method, string pathPattern, Func<CancellationToken, Task<PlanResult>> runUntil, PlanStep? fromStep = null)
    {
        var hold = new { method, pathPattern, kind = "delay", delayMs = (int)(NetworkTimeout.TotalMilliseconds * 30), count = 1 };
        if (moment == CtrlCMoment.WhileHeld && fromStep is null)
        {
            await s.Control.AddFaultAsync(hold);
        }

        using var ctrlC = new CtrlCReporter(moment, method, pathPattern, () => UntilHeldAsync(s, row));
        var loggedBefore = 0;
        IOperationReporter watching = fromStep is null
            ? ctrlC
            : new StepStartReporter(fromStep, async () =>
            {
                loggedBefore = (await s.Control.RequestsAsync()).Count;
                if (moment == CtrlCMoment.WhileHeld)
                {
                    await s.Control.AddFaultAsync(hold);
                }
            }, ctrlC);
        Exception? interruption;
        using (OperationReporter.Use(watching))
        {
            interruption = await Record.ExceptionAsync(() => runUntil(ctrlC.Token));
        }

        var returnedAfter = ctrlC.SincePressed;
        Assert.True(ctrlC.Pressed, $"{row}/{fault}: the run ended before the moment to press Ctrl+C came.");
        Assert.True(interruption is OperationCanceledException, $"{row}/{fault}: expected OperationCanceledException, got {interruption?.ToString() ?? "no exception"}.");
        Assert.True(returnedAfter < TimeSpan.FromSeconds(5), $"{row}/{fault}: the run returned {returnedAfter.TotalSeconds:0.0} s after Ctrl+C.");

        // The token stopped the work: no write the engine went to send after Ctrl+C reached ARM.
        var log = await s.Control.RequestsAsync();
        foreach (var write in ctrlC.WritesAfterPress)
        {
            Assert.DoesNotContain(log, r => r.Status != 0 && string.Equals($"{r.Method} {r.Path}", write, StringComparison.OrdinalIgnoreCase));
        }

        var answered = log.Skip(loggedBefore).Where(r => r.Method == method && Matches(pathPattern, r.Path) && r.Status != 0).ToList();
        if (moment == CtrlCMoment.WhilePolling)
        {
            // Accepted once, after any refusals (a -ReuseName create is refused while Azure still holds the name).
            Assert.True(answered.Count(r => r.Status is >= 200 and < 300) == 1 && answered.All(r => r.Status is (>= 200 and < 300) or 409),
                $"{row}/{fault}: expected the write accepted once, got {string.Join(", ", answered.Select(r => r.Status))}.");
        }
        else
        {
            Assert.True(answered.Count == 0, $"{row}/{fault}: the write reached ARM although Ctrl+C came before it was answered ({string.Join(", ", answered.Select(r => r.Status))}).");
        }
    }

    /// <summary>Completes once the emulator took the armed delay fault, that is, holds the write.</summary>
    private static async Task UntilHeldAsync(WorkflowScenario s, string row)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await s.Control.FaultsAsync()).Count > 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"{row}: the write never reached the emulator.");
            await Task.Delay(5);
        }
    }

    /// <summary>After Ctrl+C the same command finishes the work, and once more finds nothing left to do.</summary>
    private async Task ConvergesAsync(Func<Task<PlanResult>> run, Rerun? rerun)
    {
        // The interrupted step may be gone from the re-run's plan: Azure can finish an accepted write after Ctrl+C.
        await (rerun?.Resume ?? run)();
        await SettledAsync(run, rerun);
    }

    /// <summary>The emulator's glob (matched against the whole path, case-insensitive), for reading its request log.</summary>
    internal static bool Matches(string glob, string path) =>
        System.Text.RegularExpressions.Regex.IsMatch(path,
            "^" + System.Text.RegularExpressions.Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>
    /// The intended end state, whole: one cache, Succeeded (the classic cache, or the Managed Redis cluster with its one
    /// database, and not the other kind); exactly the expected endpoints, each Succeeded, Approved, in its subnet, with
    /// the cache kind's group id, one NIC and one DNS zone group; the cache's connections mirroring exactly those
    /// endpoints; one zone, linked once to each network; the cache's A record holding the last endpoint's address;
    /// every network and endpoint subnet Succeeded, endpoint subnets with the private endpoint network policies expected
    /// (Disabled, Azure's default, for those the module created without -PrivateEndpointNetworkPolicy); no resource group,
    /// NIC, link or record more than expected.
    /// </summary>
    private async Task AssertEndStateAsync(Expected expected)
    {
        var s = _scenario;
        var subscription = $"/subscriptions/{s.Subscription}";
        var zoneId = expected.ManagedRedis ? s.ManagedRedisZoneId() : s.ZoneId();

        var groups = await s.Arm.ListAsync<ResourceGroup>(subscription + "/resourcegroups");
        Assert.Equal(expected.Groups.OrderBy(g => g, StringComparer.OrdinalIgnoreCase), groups.Select(g => g.Name!).OrderBy(g => g, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

        var caches = await s.Arm.ListAsync<RedisCache>(subscription + "/providers/Microsoft.Cache/redis");
        var clusters = await s.Arm.ListAsync<ManagedRedisCluster>(subscription + "/providers/Microsoft.Cache/redisEnterprise");
        var connections = (expected.ManagedRedis ? await AssertManagedRedisCacheAsync(caches, clusters) : AssertClassicCache(caches, clusters))
            ?? new List<PrivateEndpointConnection>();

        var endpoints = await s.Arm.ListAsync<PrivateEndpoint>(subscription + "/providers/Microsoft.Network/privateEndpoints");
        Assert.Equal(expected.Endpoints.Select(e => e.Endpoint.ToString().ToUpperInvariant()).OrderBy(e => e, StringComparer.Ordinal),
            endpoints.Select(e => e.Id!.ToUpperInvariant()).OrderBy(e => e, StringComparer.Ordinal));
        Assert.Equal(expected.Endpoints.Count, connections.Count);
        foreach (var (endpointId, subnetId) in expected.Endpoints)
        {
            var endpoint = endpoints.Single(e => ResourceId.Parse(e.Id) == endpointId);
            Assert.Equal("Succeeded", endpoint.Properties!.ProvisioningState);
            Assert.Equal(subnetId.ToString(), endpoint.Properties.Subnet!.Id, ignoreCase: true);
            var status = expected.Statuses.TryGetValue(endpointId, out var other) ? other : "Approved";
            var connection = Assert.Single((endpoint.Properties.PrivateLinkServiceConnections ?? new List<PrivateLinkServiceConnection>())
                .Concat(endpoint.Properties.ManualPrivateLinkServiceConnections ?? new List<PrivateLinkServiceConnection>()));
            Assert.Equal(status, connection.Properties!.PrivateLinkServiceConnectionState!.Status);
            Assert.Equal(new[] { expected.ManagedRedis ? "redisEnterprise" : "redisCache" }, connection.Properties.GroupIds);
            Assert.Single(endpoint.Properties.NetworkInterfaces!);
            Assert.Single(connections, c => ResourceId.Parse(c.Properties!.PrivateEndpoint!.Id) == endpointId
                && c.Properties.PrivateLinkServiceConnectionState!.Status == status);

            var zoneGroup = Assert.Single(await s.Arm.ListAsync<PrivateDnsZoneGroup>(endpointId + "/privateDnsZoneGroups"));
            Assert.Equal("Succeeded", zoneGroup.Properties!.ProvisioningState);
            Assert.Equal(zoneId.ToString(), Assert.Single(zoneGroup.Properties.PrivateDnsZoneConfigs!).Properties!.PrivateDnsZoneId, ignoreCase: true);

            var subnet = await s.RequireAsync<Subnet>(subnetId);
            Assert.Equal("Succeeded", subnet.Properties!.ProvisioningState);
            Assert.Equal(expected.SubnetPolicies.TryGetValue(subnetId, out var policies) ? policies : "Disabled", subnet.Properties.PrivateEndpointNetworkPolicies);
        }

        Assert.Equal(expected.Endpoints.Count, await CountNetworkInterfacesAsync(s));

        var networks = await s.Arm.ListAsync<VirtualNetwork>(subscription + "/providers/Microsoft.Network/virtualNetworks");
        Assert.Equal(expected.Networks.Count + expected.UnlinkedNetworks.Count, networks.Count);
        foreach (var network in networks)
        {
            Assert.Contains(ResourceId.Parse(network.Id), expected.Networks.Concat(expected.UnlinkedNetworks));
            Assert.Equal("Succeeded", network.Properties!.ProvisioningState);
            Assert.All(network.Properties.Subnets!, n => Assert.Equal("Succeeded", n.Properties!.ProvisioningState));
        }

        var zone = Assert.Single(await s.Arm.ListAsync<PrivateDnsZone>(subscription + "/providers/Microsoft.Network/privateDnsZones"));
        Assert.Equal(zoneId.ToString(), zone.Id, ignoreCase: true);
        Assert.Equal("Succeeded", zone.Properties!.ProvisioningState);
        var links = await s.Arm.ListAsync<VirtualNetworkLink>(zoneId + "/virtualNetworkLinks");
        Assert.Equal(expected.Networks.Count, links.Count);
        foreach (var networkId in expected.Networks)
        {
            var link = Assert.Single(links, l => ResourceId.Parse(l.Properties!.VirtualNetwork!.Id) == networkId);
            Assert.Equal("Succeeded", link.Properties!.ProvisioningState);
            Assert.False(link.Properties.RegistrationEnabled);
        }

        // The zone groups all write the record named after the cache (Managed Redis: <name>.<region>); the last endpoint's address is the one it holds.
        var records = await s.Arm.ListAsync<ARecordSet>(zoneId + "/A");
        if (expected.RecordDeleted)
        {
            Assert.Empty(records);
            return;
        }

        var record = Assert.Single(records);
        Assert.Equal(expected.ManagedRedis ? "cache1." + WorkflowScenario.Location : "cache1", record.Name);
        Assert.Equal(expected.RecordAddress ?? await s.EndpointAddressAsync(expected.Endpoints[^1].Endpoint), Assert.Single(record.Properties!.ARecords!).Ipv4Address);
    }

    /// <summary>cache1, classic, alone, Succeeded with public network access Disabled, and no Managed Redis cluster; returns its endpoint connections.</summary>
    private IList<PrivateEndpointConnection>? AssertClassicCache(IReadOnlyList<RedisCache> caches, IReadOnlyList<ManagedRedisCluster> clusters)
    {
        Assert.Empty(clusters);
        var cache = Assert.Single(caches);
        Assert.Equal(_scenario.CacheId().ToString(), cache.Id, ignoreCase: true);
        Assert.Equal("Succeeded", cache.Properties!.ProvisioningState);
        Assert.Equal("Disabled", cache.Properties.PublicNetworkAccess);
        return cache.Properties.PrivateEndpointConnections;
    }

    /// <summary>
    /// cache1 as a Managed Redis cluster, alone and no classic cache: Succeeded, Running, public network access Disabled,
    /// TLS 1.2 at least; and its one database, default, Succeeded, TLS-only on port 10000. Returns its endpoint connections.
    /// </summary>
    private async Task<IList<PrivateEndpointConnection>?> AssertManagedRedisCacheAsync(IReadOnlyList<RedisCache> caches, IReadOnlyList<ManagedRedisCluster> clusters)
    {
        var s = _scenario;
        Assert.Empty(caches);
        var cluster = Assert.Single(clusters);
        var clusterId = s.ClusterId();
        Assert.Equal(clusterId.ToString(), cluster.Id, ignoreCase: true);
        Assert.Equal(("Succeeded", "Running", "Disabled", "1.2"),
            (cluster.Properties!.ProvisioningState, cluster.Properties.ResourceState, cluster.Properties.PublicNetworkAccess, cluster.Properties.MinimumTlsVersion));
        var database = Assert.Single(await s.Arm.ListAsync<ManagedRedisDatabase>(clusterId + "/databases"));
        Assert.Equal(("default", "Succeeded", "Encrypted", 10000),
            (ResourceId.Parse(database.Id).Name, database.Properties!.ProvisioningState, database.Properties.ClientProtocol, database.Properties.Port));
        return cluster.Properties.PrivateEndpointConnections;
    }

    /// <summary>NICs have no pinned api-version in the engine (it never reads them), so they are listed with the network one.</summary>
    internal static async Task<int> CountNetworkInterfacesAsync(WorkflowScenario s)
    {
        var response = await s.Arm.SendAsync(new ArmRequest(RequestMethod.Get, $"/subscriptions/{s.Subscription}/providers/Microsoft.Network/networkInterfaces") { ApiVersion = ApiVersions.Network });
        Assert.True(response.IsSuccess, response.Content);
        using var document = JsonDocument.Parse(response.Content);
        Assert.False(document.RootElement.TryGetProperty("nextLink", out var next) && next.ValueKind == JsonValueKind.String);
        return document.RootElement.GetProperty("value").GetArrayLength();
    }

    private sealed class Expected
    {
        /// <summary>The cache is an Azure Managed Redis cluster and its database, in zone privatelink.redis.azure.net, its record named &lt;name&gt;.&lt;region&gt;.</summary>
        public bool ManagedRedis { get; set; }

        public List<string> Groups { get; } = new();

        /// <summary>The networks the zone is linked to.</summary>
        public List<ResourceId> Networks { get; } = new();

        /// <summary>Networks that exist but have no link to the zone.</summary>
        public List<ResourceId> UnlinkedNetworks { get; } = new();

        /// <summary>Each endpoint with its subnet, the one whose zone group wrote the cache's A record last.</summary>
        public List<(ResourceId Endpoint, ResourceId Subnet)> Endpoints { get; } = new();

        /// <summary>Endpoint subnets whose private endpoint network policies are not Azure's default (Disabled).</summary>
        public Dictionary<ResourceId, string> SubnetPolicies { get; } = new();

        /// <summary>The connection status of endpoints that are not Approved.</summary>
        public Dictionary<ResourceId, string> Statuses { get; } = new();

        /// <summary>The record's address when the last endpoint has none of its own to compare with (it is not approved).</summary>
        public string? RecordAddress { get; set; }

        /// <summary>No A record is left in the zone.</summary>
        public bool RecordDeleted { get; set; }
    }

    /// <summary>How a plan's faulted write differs from the default: a PUT whose Failed resource a re-run sends again.</summary>
    private sealed class Rerun
    {
        public string Method { get; init; } = "PUT";

        /// <summary>Checks the re-run's result, after the run the failed operation stopped.</summary>
        public Action<PlanResult>? Shows { get; init; }

        /// <summary>Runs the same command a third time, expecting it to find nothing to do; the caller then checks nothing was written.</summary>
        public Func<Task>? Settled { get; init; }

        /// <summary>Runs the same command again after Ctrl+C, expecting it to finish the work.</summary>
        public Func<Task>? Resume { get; init; }
    }

    /// <summary>
    /// A lane's emulator, reset before each of its rows: Azure's durations 10,000 times faster (a cache in
    /// 0.12 s), and its own throttling off, since the matrix injects the 429s it wants and counts every request. The
    /// engine connects with a network timeout of <see cref="NetworkTimeout"/>.
    /// </summary>
    public sealed class SharedEmulator : IAsyncLifetime
    {
        internal WorkflowScenario Scenario { get; private set; } = null!;

        public async Task InitializeAsync() => Scenario = await WorkflowScenario.StartAsync(
            options =>
            {
                options.TimeScale = 0.0001;
                options.Throttling.Enabled = false;
            },
            connect => connect.NetworkTimeout = NetworkTimeout);

        public async Task DisposeAsync() => await Scenario.DisposeAsync();
    }
}

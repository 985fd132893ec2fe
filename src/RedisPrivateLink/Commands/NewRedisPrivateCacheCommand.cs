using System.Collections;
using System.Management.Automation;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Workflows;
using RedisPrivateLink.Runtime;
using RedisPrivateLink.Runtime.Completion;

namespace RedisPrivateLink.Commands;

/// <summary>
/// New-RedisPrivateCache: validates everything first, then creates or reuses the resource group, virtual network and
/// subnet, private DNS zone and its link, the cache, its private endpoint and DNS zone group — in one plan. The cache is
/// a classic Azure Cache for Redis or, when -Sku names a Managed Redis SKU (or -Kind ManagedRedis), an Azure Managed Redis cache.
/// </summary>
[Cmdlet(VerbsCommon.New, "RedisPrivateCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = NewNetworkSet)]
[OutputType(typeof(RedisPrivateCache))]
public sealed class NewRedisPrivateCacheCommand : ArmCmdlet
{
    private const string NewNetworkSet = "NewNetwork";
    private const string ExistingSubnetSet = "ExistingSubnet";

    [Parameter(Mandatory = true, Position = 1)]
    [Alias("CacheName")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceGroupCompleter))]
    public string ResourceGroupName { get; set; } = null!;

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LocationCompleter))]
    public string Location { get; set; } = null!;

    /// <summary>Classic or ManagedRedis; without it, the kind -Sku names.</summary>
    [Parameter]
    [ValidateSet("Classic", "ManagedRedis")]
    public string? Kind { get; set; }

    /// <summary>Basic, Standard (the default) or Premium, or an Azure Managed Redis SKU such as Balanced_B5.</summary>
    [Parameter]
    [ValidateSet("Basic", "Standard", "Premium",
        "Balanced_B0", "Balanced_B1", "Balanced_B3", "Balanced_B5", "Balanced_B10", "Balanced_B20", "Balanced_B50", "Balanced_B100", "Balanced_B150", "Balanced_B250", "Balanced_B350", "Balanced_B500", "Balanced_B700", "Balanced_B1000",
        "MemoryOptimized_M10", "MemoryOptimized_M20", "MemoryOptimized_M50", "MemoryOptimized_M100", "MemoryOptimized_M150", "MemoryOptimized_M250", "MemoryOptimized_M350", "MemoryOptimized_M500", "MemoryOptimized_M700", "MemoryOptimized_M1000", "MemoryOptimized_M1500", "MemoryOptimized_M2000",
        "ComputeOptimized_X3", "ComputeOptimized_X5", "ComputeOptimized_X10", "ComputeOptimized_X20", "ComputeOptimized_X50", "ComputeOptimized_X100", "ComputeOptimized_X150", "ComputeOptimized_X250", "ComputeOptimized_X350", "ComputeOptimized_X500", "ComputeOptimized_X700",
        "FlashOptimized_A250", "FlashOptimized_A500", "FlashOptimized_A700", "FlashOptimized_A1000", "FlashOptimized_A1500", "FlashOptimized_A2000", "FlashOptimized_A4500")]
    public string? Sku { get; set; }

    /// <summary>Classic caches only; C1 when not given.</summary>
    [Parameter]
    [ValidateSet("C0", "C1", "C2", "C3", "C4", "C5", "C6", "P1", "P2", "P3", "P4", "P5",
        "250MB", "1GB", "2.5GB", "6GB", "13GB", "26GB", "53GB", "120GB")]
    public string? Size { get; set; }

    /// <summary>The subnet for the private endpoint; binds from a piped subnet's Id.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ExistingSubnetSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "Subnet")]
    [ResourceIdTransformation]
    [ValidateNotNullOrEmpty]
    public string SubnetId { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = NewNetworkSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VirtualNetworkNameCompleter))]
    public string VirtualNetworkName { get; set; } = null!;

    [Parameter(ParameterSetName = NewNetworkSet)]
    [ValidateNotNullOrEmpty]
    public string[]? AddressPrefix { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = NewNetworkSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SubnetNameCompleter))]
    public string SubnetName { get; set; } = null!;

    [Parameter(ParameterSetName = NewNetworkSet)]
    [ValidateNotNullOrEmpty]
    public string? SubnetPrefix { get; set; }

    /// <summary>
    /// Private endpoint network policies of a subnet the command creates; left out, none is sent and Azure's default
    /// (Disabled) applies. An existing subnet's are never changed.
    /// </summary>
    [Parameter(ParameterSetName = NewNetworkSet)]
    [ValidateSet("Disabled", "Enabled", "NetworkSecurityGroupEnabled", "RouteTableEnabled")]
    public string? PrivateEndpointNetworkPolicy { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PrivateEndpointName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceGroupCompleter))]
    public string? PrivateDnsZoneResourceGroupName { get; set; }

    /// <summary>
    /// The resolution policy of a zone link the command creates: NxDomainRedirect lets names the zone has no record for
    /// resolve publicly instead of answering NXDOMAIN in the linked network; left out, none is sent (Default). An
    /// existing link is never changed.
    /// </summary>
    [Parameter]
    [ValidateSet("Default", "NxDomainRedirect")]
    public string? ResolutionPolicy { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PrivateDnsZoneId { get; set; }

    /// <summary>
    /// Landing zones: a DeployIfNotExists policy adds the endpoint's DNS zone group (pointing at the hub's zone), so the
    /// command creates no zone, link or zone group and waits for the policy's, then checks its A record.
    /// </summary>
    [Parameter]
    public SwitchParameter PrivateDnsZoneGroupByPolicy { get; set; }

    [Parameter]
    public SwitchParameter EnableNonSslPort { get; set; }

    [Parameter]
    [ValidateSet("1.2")]
    public string MinimumTlsVersion { get; set; } = "1.2";

    [Parameter]
    [ValidateRange(1, 30)]
    public int? ShardCount { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Hashtable? RedisConfiguration { get; set; }

    [Parameter]
    [ValidateSet("1", "2", "3")]
    public string[]? Zone { get; set; }

    [Parameter]
    [ValidateNotNull]
    public Hashtable? Tag { get; set; }

    [Parameter]
    [ValidateSet("Enabled", "Disabled")]
    public string PublicNetworkAccess { get; set; } = "Disabled";

    [Parameter]
    [ValidateSet("Enabled", "Disabled")]
    public string? HighAvailability { get; set; }

    [Parameter]
    [ValidateSet("OSSCluster", "EnterpriseCluster", "NoCluster")]
    public string? ClusteringPolicy { get; set; }

    [Parameter]
    [ValidateSet("AllKeysLFU", "AllKeysLRU", "AllKeysRandom", "VolatileLRU", "VolatileLFU", "VolatileTTL", "VolatileRandom", "NoEviction")]
    public string? EvictionPolicy { get; set; }

    [Parameter]
    [ValidateSet("RedisBloom", "RedisTimeSeries", "RediSearch", "RedisJSON")]
    public string[]? Module { get; set; }

    [Parameter]
    public SwitchParameter EnableAccessKeysAuthentication { get; set; }

    [Parameter]
    [ValidateSet("None", "RdbEvery1h", "RdbEvery6h", "RdbEvery12h", "AofEverySecond", "AofAlways")]
    public string? Persistence { get; set; }

    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>Runs the command as a PowerShell job and returns the job at once; Receive-Job gives its output.</summary>
    [Parameter]
    public SwitchParameter AsJob { get; set; }

    protected override void ProcessRecord()
    {
        var context = ResolveContext();
        if (AsJob && StartAsJob(context))
        {
            return;
        }

        RunEngine(async token =>
        {
            var request = new NewPrivateCacheRequest
            {
                Name = Name,
                ResourceGroupName = ResourceGroupName,
                Location = Location,
                Kind = Kind,
                Sku = Sku,
                Size = Size,
                SubnetId = ParameterSetName == ExistingSubnetSet ? SubnetId : null,
                VirtualNetworkName = ParameterSetName == NewNetworkSet ? VirtualNetworkName : null,
                AddressPrefix = AddressPrefix,
                SubnetName = ParameterSetName == NewNetworkSet ? SubnetName : null,
                SubnetPrefix = SubnetPrefix,
                PrivateEndpointNetworkPolicy = PrivateEndpointNetworkPolicy,
                PrivateEndpointName = PrivateEndpointName,
                PrivateDnsZoneResourceGroupName = PrivateDnsZoneResourceGroupName,
                ResolutionPolicy = ResolutionPolicy,
                PrivateDnsZoneId = PrivateDnsZoneId,
                PrivateDnsZoneGroupByPolicy = PrivateDnsZoneGroupByPolicy,
                EnableNonSslPort = EnableNonSslPort,
                MinimumTlsVersion = MinimumTlsVersion,
                ShardCount = ShardCount,
                RedisConfiguration = Hashtables.ToStringMap(RedisConfiguration, nameof(RedisConfiguration), "InvalidRedisConfiguration"),
                Zones = Zone,
                Tags = Hashtables.ToStringMap(Tag, nameof(Tag), "InvalidTag"),
                PublicNetworkAccess = PublicNetworkAccess,
                HighAvailability = HighAvailability,
                ClusteringPolicy = ClusteringPolicy,
                EvictionPolicy = EvictionPolicy,
                Modules = Module,
                EnableAccessKeysAuthentication = EnableAccessKeysAuthentication,
                Persistence = Persistence,
                NoWait = NoWait,
            };

            var prepared = await NewPrivateCacheWorkflow.PrepareAsync(context, request, token).ConfigureAwait(false);
            CheckAccessTokenLasts(context, AccessTokenLifetime.CacheCreatePlan);
            if (await RunWorkflowAsync(prepared, token).ConfigureAwait(false) is null)
            {
                return;
            }

            var cache = await ReaderFor(context).GetAsync(prepared.CacheId, token).ConfigureAwait(false);
            WriteObjectFromTask(cache);
        });
    }
}

using System.Collections;
using System.Management.Automation;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Workflows;
using RedisPrivateLink.Runtime;
using RedisPrivateLink.Runtime.Completion;

namespace RedisPrivateLink.Commands;

/// <summary>
/// New-RedisPrivateCache: validates everything first, then creates or reuses the resource group, virtual network and
/// subnet, private DNS zone and its link, the cache, its private endpoint and DNS zone group — in one plan.
/// </summary>
[Cmdlet(VerbsCommon.New, "RedisPrivateCache", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = NewNetworkSet)]
[OutputType(typeof(RedisPrivateCache))]
public sealed class NewRedisPrivateCacheCommand : ArmCmdlet
{
    private const string NewNetworkSet = "NewNetwork";
    private const string ExistingSubnetSet = "ExistingSubnet";

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceGroupCompleter))]
    public string ResourceGroupName { get; set; } = null!;

    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LocationCompleter))]
    public string Location { get; set; } = null!;

    [Parameter]
    [ValidateSet("Basic", "Standard", "Premium")]
    public string Sku { get; set; } = "Standard";

    [Parameter]
    [ValidateSet("C0", "C1", "C2", "C3", "C4", "C5", "C6", "P1", "P2", "P3", "P4", "P5",
        "250MB", "1GB", "2.5GB", "6GB", "13GB", "26GB", "53GB", "120GB")]
    public string Size { get; set; } = "C1";

    /// <summary>The subnet for the private endpoint; binds from a piped subnet's Id.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ExistingSubnetSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
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

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PrivateEndpointName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceGroupCompleter))]
    public string? PrivateDnsZoneResourceGroupName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? PrivateDnsZoneId { get; set; }

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
                Sku = Sku,
                Size = Size,
                SubnetId = ParameterSetName == ExistingSubnetSet ? SubnetId : null,
                VirtualNetworkName = ParameterSetName == NewNetworkSet ? VirtualNetworkName : null,
                AddressPrefix = AddressPrefix,
                SubnetName = ParameterSetName == NewNetworkSet ? SubnetName : null,
                SubnetPrefix = SubnetPrefix,
                PrivateEndpointName = PrivateEndpointName,
                PrivateDnsZoneResourceGroupName = PrivateDnsZoneResourceGroupName,
                PrivateDnsZoneId = PrivateDnsZoneId,
                EnableNonSslPort = EnableNonSslPort,
                MinimumTlsVersion = MinimumTlsVersion,
                ShardCount = ShardCount,
                RedisConfiguration = Hashtables.ToStringMap(RedisConfiguration, nameof(RedisConfiguration), "InvalidRedisConfiguration"),
                Zones = Zone,
                Tags = Hashtables.ToStringMap(Tag, nameof(Tag), "InvalidTag"),
                PublicNetworkAccess = PublicNetworkAccess,
                NoWait = NoWait,
            };

            var prepared = await NewPrivateCacheWorkflow.PrepareAsync(context, request, token).ConfigureAwait(false);
            if (await RunWorkflowAsync(prepared, token).ConfigureAwait(false) is null)
            {
                return;
            }

            var cache = await ReaderFor(context).GetAsync(prepared.CacheId, token).ConfigureAwait(false);
            WriteObjectFromTask(cache);
        });
    }
}

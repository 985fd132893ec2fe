using System.Collections;
using System.Management.Automation;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Workflows;
using RedisPrivateLink.Runtime;
using RedisPrivateLink.Runtime.Completion;

namespace RedisPrivateLink.Commands;

/// <summary>
/// Add-RedisPrivateEndpoint: gives an existing cache a private endpoint in a (new or existing) subnet, linking the
/// private DNS zone to that virtual network first, as the FAQ requires, then the endpoint and its DNS zone group.
/// </summary>
[Cmdlet(VerbsCommon.Add, "RedisPrivateEndpoint", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(RedisPrivateCache))]
public sealed class AddRedisPrivateEndpointCommand : ArmCmdlet
{
    private const string ByIdSet = "ByCacheId";
    private const string ByNameSet = "ByCacheName";

    /// <summary>The cache's resource id; binds from the Id of a piped cache (ours or Az's).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "CacheId")]
    [ValidateNotNullOrEmpty]
    public string ResourceId { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ByNameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CacheNameCompleter))]
    public string CacheName { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ByNameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceGroupCompleter))]
    public string ResourceGroupName { get; set; } = null!;

    [Parameter]
    [Alias("Subnet")]
    [ResourceIdTransformation]
    [ValidateNotNullOrEmpty]
    public string? SubnetId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(VirtualNetworkNameCompleter))]
    public string? VirtualNetworkName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceGroupCompleter))]
    public string? VirtualNetworkResourceGroupName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? AddressPrefix { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(SubnetNameCompleter))]
    public string? SubnetName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SubnetPrefix { get; set; }

    /// <summary>
    /// Private endpoint network policies of a subnet the command creates; left out, none is sent and Azure's default
    /// (Disabled) applies. An existing subnet's are never changed.
    /// </summary>
    [Parameter]
    [ValidateSet("Disabled", "Enabled", "NetworkSecurityGroupEnabled", "RouteTableEnabled")]
    public string? PrivateEndpointNetworkPolicy { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(LocationCompleter))]
    public string? Location { get; set; }

    [Parameter]
    [Alias("PrivateEndpointName")]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceGroupCompleter))]
    public string? EndpointResourceGroupName { get; set; }

    [Parameter]
    public SwitchParameter ManualApproval { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RequestMessage { get; set; }

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
    [ValidateNotNull]
    public Hashtable? Tag { get; set; }

    /// <summary>Runs the command as a PowerShell job and returns the job at once; Receive-Job gives its output.</summary>
    [Parameter]
    public SwitchParameter AsJob { get; set; }

    /// <summary>
    /// How many piped caches send their requests at once; caches whose new endpoint Azure is provisioning wait together
    /// and do not count. Output keeps input order.
    /// </summary>
    [Parameter]
    [ValidateRange(1, MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    private EndpointFleet? _fleet;

    protected override void ProcessRecord()
    {
        var context = ResolveContext();
        if (AsJob && StartAsJob(context))
        {
            return;
        }

        // One fleet per run: the piped caches share its reads and its wait for their endpoints.
        if (_fleet?.Arm != context.GetArmGateway())
        {
            _fleet = new EndpointFleet(context.GetArmGateway(), FreeThrottleSlot);
        }

        var fleet = _fleet;

        // Bound anew for every piped cache while earlier ones still run, so each input's work keeps its own.
        var resourceId = ResourceId;
        StartEngine(async token =>
        {
            var byId = ParameterSetName == ByIdSet;
            var request = new AddPrivateEndpointRequest
            {
                CacheId = byId ? resourceId : null,
                CacheName = byId ? null : CacheName,
                CacheResourceGroupName = byId ? null : ResourceGroupName,
                SubnetId = SubnetId,
                VirtualNetworkName = VirtualNetworkName,
                VirtualNetworkResourceGroupName = VirtualNetworkResourceGroupName,
                AddressPrefix = AddressPrefix,
                SubnetName = SubnetName,
                SubnetPrefix = SubnetPrefix,
                PrivateEndpointNetworkPolicy = PrivateEndpointNetworkPolicy,
                Location = Location,
                Name = Name,
                ResourceGroupName = EndpointResourceGroupName,
                ManualApproval = ManualApproval,
                RequestMessage = RequestMessage,
                PrivateDnsZoneResourceGroupName = PrivateDnsZoneResourceGroupName,
                ResolutionPolicy = ResolutionPolicy,
                PrivateDnsZoneId = PrivateDnsZoneId,
                PrivateDnsZoneGroupByPolicy = PrivateDnsZoneGroupByPolicy,
                Tags = Hashtables.ToStringMap(Tag, nameof(Tag), "InvalidTag"),
            };

            var prepared = await AddPrivateEndpointWorkflow.PrepareAsync(context, request, fleet, token).ConfigureAwait(false);
            if (await RunWorkflowAsync(prepared, token).ConfigureAwait(false) is null)
            {
                return;
            }

            WriteObjectFromTask(await AddPrivateEndpointWorkflow.ReadResultAsync(context, prepared, fleet, token).ConfigureAwait(false));
        }, ThrottleLimit, ParameterSetName == ByIdSet ? resourceId : CacheName);
    }
}

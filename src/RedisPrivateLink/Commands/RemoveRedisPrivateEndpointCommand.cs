using System.Management.Automation;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Workflows;
using RedisPrivateLink.Runtime;
using RedisPrivateLink.Runtime.Completion;

namespace RedisPrivateLink.Commands;

/// <summary>
/// Remove-RedisPrivateEndpoint: removes a cache's private endpoint with its DNS zone group, and so its A record. The
/// zone and its links stay unless -RemoveDnsZoneLink. Refuses to remove the last approved endpoint of a cache whose
/// public network access is Disabled, which would leave the cache unreachable, unless -Force.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "RedisPrivateEndpoint", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(RedisPrivateCache))]
public sealed class RemoveRedisPrivateEndpointCommand : ArmCmdlet
{
    private const string ByIdSet = "ByEndpointId";
    private const string ByNameSet = "ByEndpointName";

    /// <summary>The endpoint's resource id; binds from the Id of a piped endpoint (ours or Az's).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string ResourceId { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ByNameSet, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("PrivateEndpointName")]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ByNameSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceGroupCompleter))]
    public string ResourceGroupName { get; set; } = null!;

    /// <summary>Also removes the DNS zone's link to the endpoint's virtual network when no other endpoint there uses the zone.</summary>
    [Parameter]
    public SwitchParameter RemoveDnsZoneLink { get; set; }

    /// <summary>Removes the endpoint even when it is the last way to reach the cache.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes the cache the endpoint served, as it is afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var context = ResolveContext();
        RunEngine(async token =>
        {
            var endpointId = ParameterSetName == ByIdSet ? ResourceId : ResourceIdsByName.Endpoint(context.SubscriptionId, ResourceGroupName, Name);
            var prepared = await RemovePrivateEndpointWorkflow.PrepareAsync(context, endpointId, Force, RemoveDnsZoneLink, token).ConfigureAwait(false);
            if (await RunWorkflowAsync(prepared, token).ConfigureAwait(false) is null || !PassThru)
            {
                return;
            }

            WriteObjectFromTask(await ReaderFor(context).GetAsync(prepared.CacheId, token).ConfigureAwait(false));
        }, ParameterSetName == ByIdSet ? ResourceId : Name);
    }
}

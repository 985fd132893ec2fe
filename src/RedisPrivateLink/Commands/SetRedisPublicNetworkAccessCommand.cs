using System.Management.Automation;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Workflows;
using RedisPrivateLink.Runtime;
using RedisPrivateLink.Runtime.Completion;

namespace RedisPrivateLink.Commands;

/// <summary>
/// Set-RedisPublicNetworkAccess: turns a cache's public network access on or off, the one setting no Az cmdlet sets.
/// Refuses to disable it on a cache without an approved private endpoint, which would leave the cache unreachable.
/// </summary>
[Cmdlet(VerbsCommon.Set, "RedisPublicNetworkAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(RedisPrivateCache))]
public sealed class SetRedisPublicNetworkAccessCommand : ArmCmdlet
{
    private const string ByIdSet = "ByCacheId";
    private const string ByNameSet = "ByCacheName";

    /// <summary>The cache's resource id; binds from the Id of a piped cache (ours or Az's).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "CacheId")]
    [ValidateNotNullOrEmpty]
    public string ResourceId { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ByNameSet, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("CacheName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CacheNameCompleter))]
    public string Name { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ByNameSet, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceGroupCompleter))]
    public string ResourceGroupName { get; set; } = null!;

    [Parameter(Mandatory = true)]
    [ValidateSet("Enabled", "Disabled")]
    public string PublicNetworkAccess { get; set; } = null!;

    /// <summary>Disables public access even when no approved private endpoint would be left to reach the cache.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>
    /// How many piped caches send their requests at once; caches whose update Azure is applying wait together and do not
    /// count. Output keeps input order.
    /// </summary>
    [Parameter]
    [ValidateRange(1, MaxThrottleLimit)]
    public int ThrottleLimit { get; set; } = DefaultThrottleLimit;

    private CacheFleetObserver? _fleet;

    protected override void ProcessRecord()
    {
        var context = ResolveContext();
        var arm = context.GetArmGateway();
        // One observer per run: every piped cache's update is waited for by the same list requests.
        if (_fleet?.Arm != arm)
        {
            _fleet = new CacheFleetObserver(arm, FreeThrottleSlot);
        }

        var fleet = _fleet;
        // Bound anew for every piped cache (or Import-Csv row) while earlier ones still run, so each input's work keeps its own.
        var byId = ParameterSetName == ByIdSet;
        var resourceId = ResourceId;
        var name = Name;
        var resourceGroupName = ResourceGroupName;
        StartEngine(async token =>
        {
            var cacheId = byId
                ? resourceId
                : (await CacheByName.FindIdAsync(context.GetArmGateway(), context.SubscriptionId, resourceGroupName, name, nameof(Name), nameof(ResourceId), token).ConfigureAwait(false)).ToString();
            var prepared = await PublicNetworkAccessWorkflow.PrepareAsync(context, cacheId, PublicNetworkAccess, Force, NoWait, fleet, token).ConfigureAwait(false);
            if (await RunWorkflowAsync(prepared, token).ConfigureAwait(false) is null)
            {
                return;
            }

            WriteObjectFromTask(await prepared.ReadCacheAsync(ReaderFor(context), token).ConfigureAwait(false));
        }, ThrottleLimit, byId ? resourceId : name);
    }
}

using System.Linq;
using System.Management.Automation;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Workflows;
using RedisPrivateLink.Runtime.Completion;

namespace RedisPrivateLink.Runtime;

/// <summary>
/// What Approve- and Deny-RedisPrivateEndpointConnection share: the connection on the cache side, named by the cache
/// (its id, which binds from a piped RedisPrivateEndpoint, or its name and resource group) and the connection, and the
/// decision.
/// </summary>
public abstract class ConnectionDecisionCmdlet : ArmCmdlet
{
    private protected const string ByCacheIdSet = "ByCacheId";
    private protected const string ByCacheNameSet = "ByCacheName";

    [Parameter(Mandatory = true, ParameterSetName = ByCacheIdSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string CacheId { get; set; } = null!;

    /// <summary>The cache's name, of either kind; not bound from the pipeline, where a piped endpoint's CacheId says more.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByCacheNameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CacheNameCompleter))]
    public string CacheName { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = ByCacheNameSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceGroupCompleter))]
    public string ResourceGroupName { get; set; } = null!;

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string ConnectionName { get; set; } = null!;

    /// <summary>Why, recorded on the connection for the endpoint's owner to read.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Description { get; set; }

    private protected abstract bool Approve { get; }

    protected override void ProcessRecord()
    {
        var context = ResolveContext();
        RunEngine(async token =>
        {
            var cacheId = ParameterSetName == ByCacheIdSet
                ? CacheId
                : (await CacheByName.FindIdAsync(context.GetArmGateway(), context.SubscriptionId, ResourceGroupName, CacheName, nameof(CacheName), nameof(CacheId), token).ConfigureAwait(false)).ToString();
            var prepared = await EndpointConnectionWorkflow.PrepareAsync(context, cacheId, ConnectionName, Approve, Description, token).ConfigureAwait(false);
            if (await RunWorkflowAsync(prepared, token).ConfigureAwait(false) is null)
            {
                return;
            }

            var cache = await ReaderFor(context).GetAsync(prepared.CacheId, token).ConfigureAwait(false);
            var endpoint = cache?.PrivateEndpoints.FirstOrDefault(e => string.Equals(e.ConnectionName, ConnectionName, System.StringComparison.OrdinalIgnoreCase));
            if (endpoint is not null)
            {
                WriteObjectFromTask(endpoint);
            }
        }, ConnectionName);
    }
}

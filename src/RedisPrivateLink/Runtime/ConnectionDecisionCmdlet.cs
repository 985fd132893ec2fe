using System.Linq;
using System.Management.Automation;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Runtime;

/// <summary>
/// What Approve- and Deny-RedisPrivateEndpointConnection share: the connection on the cache side, named by the cache
/// and the connection (both bind from a piped RedisPrivateEndpoint), and the decision.
/// </summary>
public abstract class ConnectionDecisionCmdlet : ArmCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string CacheId { get; set; } = null!;

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
            var prepared = await EndpointConnectionWorkflow.PrepareAsync(context, CacheId, ConnectionName, Approve, Description, token).ConfigureAwait(false);
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

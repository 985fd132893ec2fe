using System.Management.Automation;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Runtime;

namespace RedisPrivateLink.Commands;

/// <summary>Approve-RedisPrivateEndpointConnection: approves a Pending connection on the cache side (manual approval).</summary>
[Cmdlet(VerbsLifecycle.Approve, "RedisPrivateEndpointConnection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByCacheIdSet)]
[OutputType(typeof(RedisPrivateEndpoint))]
public sealed class ApproveRedisPrivateEndpointConnectionCommand : ConnectionDecisionCmdlet
{
    private protected override bool Approve => true;
}

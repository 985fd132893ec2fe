using System.Management.Automation;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Runtime;

namespace RedisPrivateLink.Commands;

/// <summary>Deny-RedisPrivateEndpointConnection: rejects a connection on the cache side; a rejected endpoint must be recreated.</summary>
[Cmdlet(VerbsLifecycle.Deny, "RedisPrivateEndpointConnection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByCacheIdSet)]
[OutputType(typeof(RedisPrivateEndpoint))]
public sealed class DenyRedisPrivateEndpointConnectionCommand : ConnectionDecisionCmdlet
{
    private protected override bool Approve => false;
}

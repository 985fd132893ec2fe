using System.Management.Automation;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Runtime;

namespace RedisPrivateLink.Commands;

/// <summary>
/// Disconnect-RedisPrivateLink: clears the session's default context and drops its credential, and with it every
/// token cached in memory. A context given with -Context is closed too.
/// </summary>
[Cmdlet(VerbsCommunications.Disconnect, "RedisPrivateLink")]
[OutputType(typeof(void))]
public sealed class DisconnectRedisPrivateLinkCommand : RedisPrivateLinkCmdlet
{
    /// <summary>A context to close; when it is the session default, the default is cleared as well.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public RedisPrivateLinkContext? Context { get; set; }

    protected override void ProcessRecord()
    {
        var target = Context ?? SessionContext.Current;
        if (target is null)
        {
            WriteVerbose("Not connected: nothing to disconnect.");
            return;
        }

        SessionContext.ClearIf(target);
        target.Dispose();
        WriteVerbose($"Disconnected from subscription '{target.SubscriptionName}' ({target.SubscriptionId}).");
    }
}

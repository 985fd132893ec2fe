using System.Management.Automation;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Runtime;

namespace RedisPrivateLink.Commands;

/// <summary>Get-RedisPrivateLinkContext: writes the session's default context, or nothing when not connected.</summary>
[Cmdlet(VerbsCommon.Get, "RedisPrivateLinkContext")]
[OutputType(typeof(RedisPrivateLinkContext))]
public sealed class GetRedisPrivateLinkContextCommand : RedisPrivateLinkCmdlet
{
    protected override void EndProcessing()
    {
        var context = SessionContext.Current;
        if (context is null)
        {
            WriteVerbose("Not connected: run Connect-RedisPrivateLink to create a context.");
            return;
        }

        WriteObject(context);
    }
}

using System.Management.Automation;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Runtime;

/// <summary>The base of cmdlets that call ARM: they take -Context and default to the session's.</summary>
public abstract class ArmCmdlet : RedisPrivateLinkCmdlet
{
    /// <summary>The context to use instead of the session default set by Connect-RedisPrivateLink.</summary>
    [Parameter]
    [ValidateNotNull]
    public RedisPrivateLinkContext? Context { get; set; }

    /// <summary>The context this invocation works in; stops with NotConnected when there is none.</summary>
    protected RedisPrivateLinkContext ResolveContext()
    {
        var context = Context ?? SessionContext.Current;
        if (context is null)
        {
            ThrowTerminating(
                "NotConnected",
                ErrorCategory.InvalidOperation,
                "No RedisPrivateLink context: run Connect-RedisPrivateLink first, or pass -Context.");
        }

        return context!;
    }
}

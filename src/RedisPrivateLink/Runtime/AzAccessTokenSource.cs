using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using System.Threading;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Runtime;

/// <summary>
/// Tokens from Az.Accounts' current context: Get-AzAccessToken, in a runspace of its own with the same Az.Accounts
/// imported. Its context lives in the process (Connect-AzAccount's profile), so a token can be asked for from any
/// thread the engine renews on, while the session's own runspace is busy running the command.
/// </summary>
internal sealed class AzAccessTokenSource : IAccessTokenSource
{
    private readonly Runspace _runspace;
    private readonly string? _tenantId;
    private readonly object _gate = new();

    private AzAccessTokenSource(Runspace runspace, string? tenantId)
    {
        _runspace = runspace;
        _tenantId = tenantId;
    }

    /// <summary>A source over the Az.Accounts module that provides <paramref name="getAccessToken"/> in this session.</summary>
    public static AzAccessTokenSource Open(CommandInfo getAccessToken, string? tenantId)
    {
        var modulePath = getAccessToken.Module?.Path
            ?? throw new RedisPrivateLinkException("AzAccountsNotFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                "Get-AzAccessToken does not come from a module (Az.Accounts). Import Az.Accounts and run Connect-AzAccount first.");
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var import = PowerShell.Create();
        import.Runspace = runspace;
        import.AddCommand("Import-Module").AddParameter("Name", modulePath).AddParameter("ErrorAction", "Stop").Invoke();
        return new AzAccessTokenSource(runspace, tenantId);
    }

    public ExternalAccessToken GetToken(string resource, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var shell = PowerShell.Create();
            shell.Runspace = _runspace;
            shell.AddCommand("Get-AzAccessToken").AddParameter("ResourceUrl", resource).AddParameter("ErrorAction", "Stop");
            if (!string.IsNullOrEmpty(_tenantId))
            {
                shell.AddParameter("TenantId", _tenantId);
            }

            Collection<PSObject> output;
            using (cancellationToken.Register(() => shell.Stop()))
            {
                output = shell.Invoke();
            }

            var result = output.FirstOrDefault(o => o is not null)
                ?? throw new InvalidOperationException("Get-AzAccessToken returned nothing. Run Connect-AzAccount again.");
            return new ExternalAccessToken(TokenOf(result), ExpiresOnOf(result));
        }
    }

    public void Dispose() => _runspace.Dispose();

    /// <summary>A property's value without PowerShell's wrapper (kept around a PSCustomObject, which is all properties), or null.</summary>
    internal static object? ValueOf(PSObject? target, string name) =>
        target?.Properties[name]?.Value is { } value
            ? (value is PSObject { BaseObject: not PSCustomObject } wrapped ? wrapped.BaseObject : value)
            : null;

    /// <summary>Token is a SecureString in Az.Accounts 5 (and with -AsSecureString), a string before.</summary>
    internal static string TokenOf(PSObject result) => ValueOf(result, "Token") switch
    {
        SecureString secure => SecureStrings.Reveal(secure),
        string text when text.Length > 0 => text,
        _ => throw new InvalidOperationException("Get-AzAccessToken returned no Token."),
    };

    internal static DateTimeOffset ExpiresOnOf(PSObject result) => ValueOf(result, "ExpiresOn") switch
    {
        DateTimeOffset offset => offset,
        DateTime time => new DateTimeOffset(time.ToUniversalTime()),
        _ => throw new InvalidOperationException("Get-AzAccessToken returned no ExpiresOn."),
    };
}

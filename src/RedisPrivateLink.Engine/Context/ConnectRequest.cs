using System;
using System.Security;

namespace RedisPrivateLink.Engine.Context;

/// <summary>What Connect-RedisPrivateLink was asked for; <see cref="ContextFactory.ConnectAsync"/> turns it into a context.</summary>
public sealed class ConnectRequest
{
    /// <summary>AzureCloud (default), AzureUSGovernment or AzureChinaCloud.</summary>
    public string? Environment { get; set; }

    /// <summary>A custom ARM endpoint; keeps the DNS names of <see cref="Environment"/>.</summary>
    public Uri? ResourceManagerUrl { get; set; }

    /// <summary>The token audience for a custom endpoint; defaults to the endpoint itself.</summary>
    public string? Audience { get; set; }

    /// <summary>Subscription id or display name; when empty, the only enabled subscription.</summary>
    public string? Subscription { get; set; }

    public string? Tenant { get; set; }

    public CredentialKind CredentialKind { get; set; } = CredentialKind.Default;

    /// <summary>Application (client) id: of the service principal, the user-assigned identity, or the device-code client.</summary>
    public string? ClientId { get; set; }

    public SecureString? ClientSecret { get; set; }

    public string? CertificatePath { get; set; }

    public SecureString? CertificatePassword { get; set; }

    /// <summary>A certificate in CurrentUser\My or LocalMachine\My, looked up in that order.</summary>
    public string? CertificateThumbprint { get; set; }

    public SecureString? AccessToken { get; set; }

    /// <summary>The account to show for an access token or the default chain, when the token doesn't say.</summary>
    public string? AccountId { get; set; }

    public string? EmulatorConnectionFile { get; set; }

    /// <summary>
    /// How long one ARM request may go unanswered before it is abandoned (and, when repeating it is safe, sent again);
    /// null keeps the default of 100 s.
    /// </summary>
    public TimeSpan? NetworkTimeout { get; set; }

    /// <summary>For <see cref="CredentialKind.AzContext"/>: where tokens come from (Az.Accounts); the context disposes it.</summary>
    public IAccessTokenSource? TokenSource { get; set; }

    /// <summary>Shows the device-code sign-in instructions to the user.</summary>
    public Action<string>? DeviceCodePrompt { get; set; }
}

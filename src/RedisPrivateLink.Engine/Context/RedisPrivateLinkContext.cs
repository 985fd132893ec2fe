using System;
using System.ComponentModel;
using Azure.Core;
using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Context;

/// <summary>
/// Who is signed in where: cloud, subscription, account. Immutable. It holds the credential (which caches tokens in
/// memory) and the gateway built on it, never a token string; <see cref="Dispose"/> drops both.
/// </summary>
public sealed class RedisPrivateLinkContext : IDisposable
{
    private IArmGateway? _gateway;
    private TokenCredential? _credential;
    private IDisposable? _credentialTransport;

    internal RedisPrivateLinkContext(AzureCloudEnvironment environment, string subscriptionId, string? subscriptionName, string? tenantId, string account, CredentialKind credentialKind, IArmGateway gateway, TokenCredential credential, AzureClock? clock = null, IDisposable? credentialTransport = null)
    {
        CloudEnvironment = environment;
        SubscriptionId = subscriptionId;
        SubscriptionName = subscriptionName;
        TenantId = tenantId;
        Account = account;
        CredentialType = credentialKind.ToString();
        IsEmulator = credentialKind == CredentialKind.Emulator || environment.IsEmulator;
        Clock = clock ?? AzureClock.Azure;
        _gateway = gateway;
        _credential = credential;
        _credentialTransport = credentialTransport;
    }

    public string Environment => CloudEnvironment.Name;

    public Uri ResourceManagerUrl => CloudEnvironment.ResourceManagerUrl;

    public string Audience => CloudEnvironment.Audience;

    public string RedisPrivateDnsZone => CloudEnvironment.RedisPrivateDnsZone;

    public string SubscriptionId { get; }

    public string? SubscriptionName { get; }

    public string? TenantId { get; }

    /// <summary>The signed-in account: a user, an application id, MSI@..., or "emulator".</summary>
    public string Account { get; }

    /// <summary>The <see cref="CredentialKind"/> used, e.g. ManagedIdentity, ServicePrincipalSecret, Emulator.</summary>
    public string CredentialType { get; }

    public bool IsEmulator { get; }

    public bool IsDisposed => _gateway is null;

    /// <summary>
    /// The endpoint's pace: Azure's, or the emulator's time scale. Bounds the module derives from Azure's own pace (how
    /// long a deleted cache's name is held) pass through it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public AzureClock Clock { get; }

    [EditorBrowsable(EditorBrowsableState.Never)]
    public AzureCloudEnvironment CloudEnvironment { get; }

    /// <summary>
    /// The ARM gateway signed in as this context. A method rather than a property so formatting and serialization
    /// (Format-List *, Export-Clixml) never walk into it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public IArmGateway GetArmGateway() =>
        _gateway ?? throw new ObjectDisposedException(nameof(RedisPrivateLinkContext), "This context was disconnected; run Connect-RedisPrivateLink again.");

    /// <summary>When a given -AccessToken expires (it is never renewed); null for credentials that renew, or a token without exp.</summary>
    internal DateTimeOffset? StaticTokenExpiresOn =>
        CredentialType == nameof(CredentialKind.AccessToken) && _credential is StaticTokenCredential { ExpiryKnown: true } token ? token.ExpiresOn : null;

    /// <summary>The credential signed in as this context, for tokens other than ARM's (Redis data access).</summary>
    internal TokenCredential GetCredential() =>
        _credential ?? throw new ObjectDisposedException(nameof(RedisPrivateLinkContext), "This context was disconnected; run Connect-RedisPrivateLink again.");

    /// <summary>Same as <see cref="Dispose"/>: disconnects.</summary>
    public void Close() => Dispose();

    /// <summary>Drops the gateway and with it the credential and its cached tokens.</summary>
    public void Dispose()
    {
        (_gateway as IDisposable)?.Dispose();
        _gateway = null;
        (_credential as IDisposable)?.Dispose();
        _credential = null;
        _credentialTransport?.Dispose();
        _credentialTransport = null;
    }

    public override string ToString() =>
        $"{Account} on {SubscriptionName ?? SubscriptionId} ({SubscriptionId}) in {Environment}{(IsEmulator ? " (emulator)" : string.Empty)}";
}

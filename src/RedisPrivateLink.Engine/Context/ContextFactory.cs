using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Context;

/// <summary>Builds a <see cref="RedisPrivateLinkContext"/>: credential, gateway, and a subscription checked against ARM.</summary>
public static class ContextFactory
{
    /// <summary>The public client the Azure CLI uses, for device-code sign-in when no client id is given.</summary>
    internal const string DefaultPublicClientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

    private const string EmulatorToken = "emulator";

    public static Task<RedisPrivateLinkContext> ConnectAsync(ConnectRequest request, CancellationToken cancellationToken = default) =>
        ConnectAsync(request, transport: null, credentialFactory: null, cancellationToken);

    /// <summary>Tests pass a fake transport, and a credential factory to stand in for Azure.Identity's sign-in.</summary>
    internal static async Task<RedisPrivateLinkContext> ConnectAsync(
        ConnectRequest request,
        HttpPipelineTransport? transport,
        Func<ConnectRequest, AzureCloudEnvironment, TokenCredential>? credentialFactory,
        CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var environment = AzureCloudEnvironment.Find(request.Environment);
        EmulatorConnection? emulator = null;
        if (request.CredentialKind == CredentialKind.Emulator)
        {
            emulator = EmulatorConnection.Load(request.EmulatorConnectionFile);
            environment = environment.WithResourceManagerUrl(emulator.Endpoint);
        }
        else if (request.ResourceManagerUrl is not null)
        {
            environment = environment.WithResourceManagerUrl(request.ResourceManagerUrl, request.Audience);
        }

        var credential = (credentialFactory ?? CreateCredential)(request, environment);
        var gatewayOptions = new ArmGatewayOptions
        {
            ResourceManagerUrl = environment.ResourceManagerUrl,
            Credential = credential,
            Scope = environment.Scope,
            PinnedCertificateThumbprint = emulator?.CertificateThumbprint,
            Transport = transport,
        };
        var clock = new AzureClock(emulator?.TimeScale ?? 1);
        if (emulator is not null)
        {
            gatewayOptions.ScaleWaits(clock);
        }

        if (request.NetworkTimeout is { } networkTimeout)
        {
            gatewayOptions.NetworkTimeout = networkTimeout > TimeSpan.Zero
                ? networkTimeout
                : throw new ArgumentOutOfRangeException(nameof(request), networkTimeout, "The network timeout must be positive.");
        }

        var gateway = new ArmGateway(gatewayOptions);

        Subscription subscription;
        string account;
        try
        {
            subscription = await ResolveSubscriptionAsync(gateway, request.Subscription ?? emulator?.SubscriptionId, request.Tenant, cancellationToken).ConfigureAwait(false);
            account = await DescribeAccountAsync(request, credential, environment, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationFailedException ex)
        {
            gateway.Dispose();
            throw new RedisPrivateLinkException("AuthenticationFailed", RedisPrivateLinkErrorCategory.AuthenticationError,
                $"Signing in with {request.CredentialKind} to {environment.Name} failed: {ex.Message.Trim()}", request.CredentialKind.ToString(), ex);
        }
        catch
        {
            gateway.Dispose();
            throw;
        }

        return new RedisPrivateLinkContext(
            environment,
            subscription.SubscriptionId!,
            subscription.DisplayName,
            subscription.TenantId ?? request.Tenant ?? emulator?.TenantId,
            account,
            request.CredentialKind,
            gateway,
            credential,
            clock);
    }

    /// <summary>The Azure.Identity credential for the request's kind; input it needs but lacks is refused here, before any network call.</summary>
    internal static TokenCredential CreateCredential(ConnectRequest request, AzureCloudEnvironment environment)
    {
        switch (request.CredentialKind)
        {
            case CredentialKind.Default:
                return new DefaultAzureCredential(new DefaultAzureCredentialOptions
                {
                    AuthorityHost = environment.AuthorityHost,
                    TenantId = request.Tenant,
                    ManagedIdentityClientId = request.ClientId,
                });
            case CredentialKind.ManagedIdentity:
                return new ManagedIdentityCredential(string.IsNullOrEmpty(request.ClientId)
                    ? ManagedIdentityId.SystemAssigned
                    : ManagedIdentityId.FromUserAssignedClientId(request.ClientId!));
            case CredentialKind.ServicePrincipalSecret:
                RequireTenantAndClient(request);
                if (request.ClientSecret is null || request.ClientSecret.Length == 0)
                {
                    throw Missing("ClientSecret", "A service principal secret sign-in needs -ClientSecret.");
                }

                return new ClientSecretCredential(request.Tenant, request.ClientId, Reveal(request.ClientSecret), new ClientSecretCredentialOptions { AuthorityHost = environment.AuthorityHost });
            case CredentialKind.ServicePrincipalCertificate:
                RequireTenantAndClient(request);
                return new ClientCertificateCredential(request.Tenant, request.ClientId, LoadCertificate(request), new ClientCertificateCredentialOptions { AuthorityHost = environment.AuthorityHost });
            case CredentialKind.DeviceCode:
                var prompt = request.DeviceCodePrompt ?? throw Missing("DeviceCodePrompt", "Device-code sign-in needs an interactive host to show the code.");
                return new DeviceCodeCredential(new DeviceCodeCredentialOptions
                {
                    AuthorityHost = environment.AuthorityHost,
                    TenantId = request.Tenant,
                    ClientId = string.IsNullOrEmpty(request.ClientId) ? DefaultPublicClientId : request.ClientId,
                    DeviceCodeCallback = (code, _) =>
                    {
                        prompt(code.Message);
                        return Task.CompletedTask;
                    },
                });
            case CredentialKind.AccessToken:
                if (request.AccessToken is null || request.AccessToken.Length == 0)
                {
                    throw Missing("AccessToken", "An access-token sign-in needs -AccessToken.");
                }

                var token = Reveal(request.AccessToken);
                return new StaticTokenCredential(token, JwtAccount.ExpiresOn(token) ?? DateTimeOffset.UtcNow.AddHours(1));
            case CredentialKind.Emulator:
                return new StaticTokenCredential(EmulatorToken, DateTimeOffset.MaxValue);
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.CredentialKind, "Unknown credential kind.");
        }
    }

    /// <summary>
    /// By id: GET the subscription. By name: list and match the display name, ignoring case. Neither: the only enabled
    /// subscription. Anything else is a RedisPrivateLinkException that names the choices.
    /// </summary>
    internal static async Task<Subscription> ResolveSubscriptionAsync(IArmGateway gateway, string? subscription, string? tenant, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(subscription) && Guid.TryParse(subscription, out _))
        {
            return await gateway.GetSubscriptionAsync(subscription!.Trim(), cancellationToken).ConfigureAwait(false)
                ?? throw new RedisPrivateLinkException("SubscriptionNotFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                    $"Subscription '{subscription}' was not found, or the signed-in account cannot see it. Check the id, or pass -Tenant for the directory it belongs to.", subscription);
        }

        var all = (await gateway.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(s.TenantId) || s.TenantId!.Equals(tenant, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (!string.IsNullOrWhiteSpace(subscription))
        {
            var named = all.Where(s => string.Equals(s.DisplayName, subscription!.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            return named.Count switch
            {
                1 => named[0],
                0 => throw new RedisPrivateLinkException("SubscriptionNotFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                    $"No subscription is named '{subscription}'. Available: {Describe(all)}.", subscription),
                _ => throw new RedisPrivateLinkException("AmbiguousSubscription", RedisPrivateLinkErrorCategory.InvalidArgument,
                    $"{named.Count} subscriptions are named '{subscription}': {Describe(named)}. Pass the subscription id instead.", subscription),
            };
        }

        var enabled = all.Where(s => string.Equals(s.State, "Enabled", StringComparison.OrdinalIgnoreCase)).ToList();
        return enabled.Count switch
        {
            1 => enabled[0],
            0 => throw new RedisPrivateLinkException("NoSubscriptionFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                "The signed-in account has no enabled subscription. Sign in with an account that has access, or pass -Tenant for another directory."),
            _ => throw new RedisPrivateLinkException("SubscriptionRequired", RedisPrivateLinkErrorCategory.InvalidArgument,
                $"The account can use {enabled.Count} subscriptions: {Describe(enabled)}. Choose one with -Subscription."),
        };
    }

    private static async Task<string> DescribeAccountAsync(ConnectRequest request, TokenCredential credential, AzureCloudEnvironment environment, CancellationToken cancellationToken)
    {
        switch (request.CredentialKind)
        {
            case CredentialKind.Emulator:
                return "emulator";
            case CredentialKind.ManagedIdentity:
                return "MSI@" + (string.IsNullOrEmpty(request.ClientId) ? "system" : request.ClientId);
            case CredentialKind.ServicePrincipalSecret:
            case CredentialKind.ServicePrincipalCertificate:
                return request.ClientId!;
            default:
                if (!string.IsNullOrEmpty(request.AccountId))
                {
                    return request.AccountId!;
                }

                // The credential already holds this token from the subscription lookup; only its claims are read.
                var token = await credential.GetTokenAsync(new TokenRequestContext(new[] { environment.Scope }), cancellationToken).ConfigureAwait(false);
                return JwtAccount.AccountOf(token.Token) ?? "unknown";
        }
    }

    private static X509Certificate2 LoadCertificate(ConnectRequest request)
    {
        if (!string.IsNullOrEmpty(request.CertificatePath))
        {
            if (!System.IO.File.Exists(request.CertificatePath))
            {
                throw new RedisPrivateLinkException("CertificateNotFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                    $"The certificate file '{request.CertificatePath}' does not exist. Pass the path of a .pfx file with the private key.", request.CertificatePath);
            }

            try
            {
                return new X509Certificate2(request.CertificatePath, request.CertificatePassword);
            }
            catch (CryptographicException ex)
            {
                throw new RedisPrivateLinkException("InvalidCertificate", RedisPrivateLinkErrorCategory.InvalidData,
                    $"The certificate file '{request.CertificatePath}' could not be read ({ex.Message.Trim()}). Check -CertificatePassword and that the file is a .pfx with its private key.", request.CertificatePath, ex);
            }
        }

        if (string.IsNullOrEmpty(request.CertificateThumbprint))
        {
            throw Missing("CertificatePath", "A service principal certificate sign-in needs -CertificatePath or -CertificateThumbprint.");
        }

        var thumbprint = CertificatePinning.NormalizeThumbprint(request.CertificateThumbprint!);
        return FindInStore(StoreLocation.CurrentUser, thumbprint)
            ?? FindInStore(StoreLocation.LocalMachine, thumbprint)
            ?? throw new RedisPrivateLinkException("CertificateNotFound", RedisPrivateLinkErrorCategory.ObjectNotFound,
                $"No certificate with thumbprint {thumbprint} and a private key is in Cert:\\CurrentUser\\My or Cert:\\LocalMachine\\My. Import it there, or pass -CertificatePath.", thumbprint);
    }

    private static X509Certificate2? FindInStore(StoreLocation location, string thumbprint)
    {
        try
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            return store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false)
                .OfType<X509Certificate2>()
                .FirstOrDefault(c => c.HasPrivateKey);
        }
        catch (CryptographicException)
        {
            // The store doesn't exist on this platform (LocalMachine\My on Linux): nothing to find there.
            return null;
        }
    }

    private static void RequireTenantAndClient(ConnectRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Tenant))
        {
            throw Missing("Tenant", "A service principal sign-in needs -Tenant (the directory id or domain).");
        }

        if (string.IsNullOrWhiteSpace(request.ClientId))
        {
            throw Missing("ClientId", "A service principal sign-in needs -ClientId (the application id).");
        }
    }

    private static RedisPrivateLinkException Missing(string parameter, string message) =>
        new("Missing" + parameter, RedisPrivateLinkErrorCategory.InvalidArgument, message, parameter);

    private static string Describe(IEnumerable<Subscription> subscriptions)
    {
        var names = subscriptions.Select(s => $"'{s.DisplayName}' ({s.SubscriptionId})").ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    /// <summary>The secure string's text, for the one Azure.Identity call that takes a string.</summary>
    private static string Reveal(SecureString secure)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}

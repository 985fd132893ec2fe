using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Context;

/// <summary>Turns a <see cref="ConnectRequest"/> into the Azure.Identity credential of its kind.</summary>
internal static class CredentialFactory
{
    /// <summary>The public client the Azure CLI uses, for device-code sign-in when no client id is given.</summary>
    internal const string DefaultPublicClientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

    private const string EmulatorToken = "emulator";

    /// <summary>
    /// The Azure.Identity credential for the request's kind; input it needs but lacks is refused here, before any network
    /// call. <paramref name="transport"/>, when given, carries the credential's own requests (to the emulator's identity
    /// endpoints, trusting only its pinned certificate).
    /// </summary>
    internal static TokenCredential Create(ConnectRequest request, AzureCloudEnvironment environment, HttpPipelineTransport? transport = null)
    {
        switch (request.CredentialKind)
        {
            case CredentialKind.Default:
                return new DefaultAzureCredential(With(transport, new DefaultAzureCredentialOptions
                {
                    AuthorityHost = environment.AuthorityHost,
                    TenantId = request.Tenant,
                    ManagedIdentityClientId = request.ClientId,
                }));
            case CredentialKind.ManagedIdentity:
                return new ManagedIdentityCredential(With(transport, new ManagedIdentityCredentialOptions(string.IsNullOrEmpty(request.ClientId)
                    ? ManagedIdentityId.SystemAssigned
                    : ManagedIdentityId.FromUserAssignedClientId(request.ClientId!))));
            case CredentialKind.ServicePrincipalSecret:
                RequireTenantAndClient(request);
                if (request.ClientSecret is null || request.ClientSecret.Length == 0)
                {
                    throw Missing("ClientSecret", "A service principal secret sign-in needs -ClientSecret.");
                }

                return new ClientSecretCredential(request.Tenant, request.ClientId, Reveal(request.ClientSecret), With(transport, new ClientSecretCredentialOptions { AuthorityHost = environment.AuthorityHost }));
            case CredentialKind.ServicePrincipalCertificate:
                RequireTenantAndClient(request);
                return new ClientCertificateCredential(request.Tenant, request.ClientId, LoadCertificate(request), With(transport, new ClientCertificateCredentialOptions { AuthorityHost = environment.AuthorityHost }));
            case CredentialKind.DeviceCode:
                var prompt = request.DeviceCodePrompt ?? throw Missing("DeviceCodePrompt", "Device-code sign-in needs an interactive host to show the code.");
                return new DeviceCodeCredential(With(transport, new DeviceCodeCredentialOptions
                {
                    AuthorityHost = environment.AuthorityHost,
                    TenantId = request.Tenant,
                    ClientId = string.IsNullOrEmpty(request.ClientId) ? DefaultPublicClientId : request.ClientId,
                    DeviceCodeCallback = (code, _) =>
                    {
                        prompt(code.Message);
                        return Task.CompletedTask;
                    },
                }));
            case CredentialKind.AccessToken:
                if (request.AccessToken is null || request.AccessToken.Length == 0)
                {
                    throw Missing("AccessToken", "An access-token sign-in needs -AccessToken.");
                }

                var token = Reveal(request.AccessToken);
                var expiresOn = JwtAccount.ExpiresOn(token);
                return new StaticTokenCredential(token, expiresOn ?? DateTimeOffset.UtcNow.AddHours(1), expiryKnown: expiresOn is not null);
            case CredentialKind.AzContext:
                return new ExternalTokenCredential(request.TokenSource ?? throw Missing("TokenSource", "An Az.Accounts context sign-in needs a token source."));
            case CredentialKind.Emulator:
                return new StaticTokenCredential(EmulatorToken, DateTimeOffset.MaxValue);
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request.CredentialKind, "Unknown credential kind.");
        }
    }

    private static T With<T>(HttpPipelineTransport? transport, T options)
        where T : ClientOptions
    {
        if (transport is not null)
        {
            options.Transport = transport;
        }

        return options;
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

using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Context;

/// <summary>
/// Connects: builds a <see cref="RedisPrivateLinkContext"/> from the cloud, the credential (<see cref="CredentialFactory"/>),
/// the gateway and the subscription (<see cref="SubscriptionResolver"/>), checked against ARM.
/// </summary>
public static class ContextFactory
{
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
        HttpPipelineTransport? identityTransport = null;
        if (request.CredentialKind == CredentialKind.Emulator)
        {
            emulator = EmulatorConnection.Load(request.EmulatorConnectionFile);
            environment = environment.WithResourceManagerUrl(emulator.Endpoint);
        }
        else if (request.EmulatorConnectionFile is not null)
        {
            if (request.ResourceManagerUrl is not null)
            {
                throw new RedisPrivateLinkException("ConflictingEndpoints", RedisPrivateLinkErrorCategory.InvalidArgument,
                    "-EmulatorConnectionFile already names the endpoint (the emulator's); leave out -ResourceManagerUrl.", request.ResourceManagerUrl.ToString());
            }

            // A real sign-in against the emulator: its identity endpoints issue tokens for the cloud's own ARM audience.
            emulator = EmulatorConnection.Load(request.EmulatorConnectionFile);
            environment = environment.AtEmulator(emulator.Endpoint);
            identityTransport = transport ?? CertificatePinning.CreateTransport(emulator.CertificateThumbprint);
        }
        else if (request.ResourceManagerUrl is not null)
        {
            environment = environment.WithResourceManagerUrl(request.ResourceManagerUrl, request.Audience);
        }

        var credential = credentialFactory is null
            ? CredentialFactory.Create(request, environment, identityTransport)
            : credentialFactory(request, environment);
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
            subscription = await SubscriptionResolver.ResolveAsync(gateway, request.Subscription ?? emulator?.SubscriptionId, request.Tenant, cancellationToken).ConfigureAwait(false);
            account = await DescribeAccountAsync(request, credential, environment, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationFailedException ex)
        {
            gateway.Dispose();
            (credential as IDisposable)?.Dispose();
            (identityTransport as IDisposable)?.Dispose();
            throw new RedisPrivateLinkException("AuthenticationFailed", RedisPrivateLinkErrorCategory.AuthenticationError,
                $"Signing in with {request.CredentialKind} to {environment.Name} failed: {Describe(ex)}", request.CredentialKind.ToString(), ex);
        }
        catch
        {
            gateway.Dispose();
            (credential as IDisposable)?.Dispose();
            (identityTransport as IDisposable)?.Dispose();
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
            clock,
            transport is null ? identityTransport as IDisposable : null);
    }

    /// <summary>Azure.Identity's message with its cause's: the cause holds Entra's AADSTS code, which says what to change.</summary>
    private static string Describe(AuthenticationFailedException ex) =>
        ex.InnerException is { } cause ? $"{ex.Message.Trim()} {cause.Message.Trim()}" : ex.Message.Trim();

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
}

using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>
/// Registers a resource provider namespace in a subscription the way Az PowerShell and Terraform's azurerm provider do:
/// <c>POST /subscriptions/{s}/providers/{namespace}/register</c>, which answers 200 at once with
/// <c>registrationState</c> Registering (../shared/recordings/additional/azure-cli_test_provider_registration.yaml),
/// then <c>GET /subscriptions/{s}/providers/{namespace}</c> at the gateway's poll interval until it says Registered.
/// A subscription that never used Microsoft.Cache or Microsoft.Network answers every write there with 409
/// MissingSubscriptionRegistration until then.
/// </summary>
public static class ResourceProviderRegistration
{
    public const string Registered = "Registered";

    /// <summary>ARM's code for a write to a namespace the subscription is not registered for (409, <c>x-ms-failure-cause: gateway</c>).</summary>
    public const string MissingSubscriptionRegistrationCode = "MissingSubscriptionRegistration";

    /// <summary>
    /// How many polls to wait for Registered: 10 minutes at the default 2-second interval. Microsoft documents no
    /// duration; registrations usually take a minute or two, and one that takes longer is worth stopping for.
    /// </summary>
    internal const int MaxPolls = 300;

    /// <summary>
    /// Namespaces each gateway (one per context) has seen Registered, so a fleet piped into Add-RedisPrivateEndpoint
    /// reads each provider once, not once per cache. A namespace unregistered since is caught by the gateway's
    /// register-on-refusal.
    /// </summary>
    private static readonly ConditionalWeakTable<IArmGateway, ConcurrentDictionary<string, bool>> KnownRegistered = new();

    private static readonly Regex NamespaceInMessage = new("namespace '(?<namespace>[^']+)'", RegexOptions.CultureInvariant);

    public static string ProviderPath(string subscriptionId, string providerNamespace) =>
        $"/subscriptions/{subscriptionId}/providers/{providerNamespace}";

    /// <summary>
    /// The namespace's registrationState, or null when it cannot be read: 403 (the credential may not read providers,
    /// as a role scoped to one resource group) or 404 (an ARM endpoint that does not serve providers, such as an
    /// Azure Stack or test endpoint). Then the first write tells, and the gateway registers on its refusal.
    /// </summary>
    public static async Task<string?> ReadStateAsync(IArmGateway arm, string subscriptionId, string providerNamespace, CancellationToken cancellationToken)
    {
        var known = KnownRegistered.GetOrCreateValue(arm);
        if (known.ContainsKey(subscriptionId + "/" + providerNamespace))
        {
            return Registered;
        }

        var path = ProviderPath(subscriptionId, providerNamespace);
        var response = await arm.SendAsync(new ArmRequest(RequestMethod.Get, path), cancellationToken).ConfigureAwait(false);
        if (response.Status is 403 or 404)
        {
            OperationReporter.Current.Verbose($"Cannot read the registration of resource provider '{providerNamespace}' ({response.Status}); it is registered on the first write's refusal if it needs to be.");
            return null;
        }

        ArmGateway.EnsureSuccess(response, "GET", path);
        var state = response.ReadAs<ResourceProvider>()?.RegistrationState;
        if (IsRegistered(state))
        {
            known[subscriptionId + "/" + providerNamespace] = true;
        }

        return state;
    }

    public static bool IsRegistered(string? state) => string.Equals(state, Registered, StringComparison.OrdinalIgnoreCase);

    /// <summary>Sends the registration and waits until ARM says Registered.</summary>
    /// <exception cref="RedisPrivateLinkException">ResourceProviderNotRegistered: ARM refused the registration (403) or it did not finish in time.</exception>
    public static async Task RegisterAsync(IArmGateway arm, string subscriptionId, string providerNamespace, CancellationToken cancellationToken)
    {
        // Whatever was known, ARM has just said otherwise (or the plan found it not registered).
        KnownRegistered.GetOrCreateValue(arm).TryRemove(subscriptionId + "/" + providerNamespace, out _);
        var path = ProviderPath(subscriptionId, providerNamespace);
        OperationReporter.Current.Verbose($"Registering resource provider '{providerNamespace}' in subscription '{subscriptionId}' (POST {path}/register); Azure registers a namespace once per subscription.");
        try
        {
            await arm.PostActionAsync(path + "/register", null, waitForCompletion: false, cancellationToken).ConfigureAwait(false);
        }
        catch (ArmException e) when (e.Status == 403)
        {
            throw NotRegistered(providerNamespace, subscriptionId,
                $"the credential may not register it ({e.Code}: it needs the permission '{providerNamespace}/register/action', which Contributor and Owner on the subscription have)", e);
        }

        for (var poll = 1; poll <= MaxPolls; poll++)
        {
            var state = await ReadStateAsync(arm, subscriptionId, providerNamespace, cancellationToken).ConfigureAwait(false);
            if (state is null || IsRegistered(state))
            {
                OperationReporter.Current.Verbose($"Resource provider '{providerNamespace}' is {state ?? "registered (its state cannot be read)"} in subscription '{subscriptionId}'.");
                return;
            }

            OperationReporter.Current.Verbose($"Resource provider '{providerNamespace}' is {state}; waiting for Registered.");
            await arm.WaitToPollAgainAsync(ResourceId.ForSubscription(subscriptionId), cancellationToken).ConfigureAwait(false);
        }

        throw NotRegistered(providerNamespace, subscriptionId, $"it was still not Registered after {MaxPolls} polls", null);
    }

    /// <summary>
    /// The namespace an error names when it is MissingSubscriptionRegistration: its details' target (what Azure asks
    /// clients to read, Azure/azure-sdk-for-node#2305), else the top-level target, else the quoted name in the message.
    /// </summary>
    public static string? MissingNamespace(ArmError? error)
    {
        if (error is null || !string.Equals(error.Code, MissingSubscriptionRegistrationCode, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var target = error.Details?.Select(d => d.Target).FirstOrDefault(t => !string.IsNullOrEmpty(t)) ?? error.Target;
        if (!string.IsNullOrEmpty(target))
        {
            return target;
        }

        var match = NamespaceInMessage.Match(error.Message ?? string.Empty);
        return match.Success ? match.Groups["namespace"].Value : null;
    }

    private static RedisPrivateLinkException NotRegistered(string providerNamespace, string subscriptionId, string reason, Exception? inner) =>
        new(ArmErrorIds.ResourceProviderNotRegistered, RedisPrivateLinkErrorCategory.InvalidOperation,
            $"Resource provider '{providerNamespace}' is not registered in subscription '{subscriptionId}', and registering it failed: {reason}. Ask the subscription's owner to run 'Register-AzResourceProvider -ProviderNamespace {providerNamespace}' (or 'az provider register --namespace {providerNamespace}'), then run the command again.",
            providerNamespace, inner);
}

using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Hosting;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Each resource provider namespace's registration in the subscription, and ARM's refusal of writes to one that is
/// not registered. The state machine is NotRegistered -> Registering (on POST .../register) -> Registered once
/// <see cref="EmulatorOptions.ProviderRegistrationDuration"/> (scaled) has passed.
/// Sources: the register POST answers 200 at once with the provider and "registrationState":"Registering", and a GET
/// right after still says Registering (../shared/recordings/additional/azure-cli_test_provider_registration.yaml,
/// Azure/azure-cli test_provider_registration). The refusal's body is Azure's
/// {"error":{"code":"MissingSubscriptionRegistration","message":"The subscription is not registered to use namespace
/// '...'. See https://aka.ms/rps-not-found for how to register subscriptions.","details":[{"code",
/// "target":"<namespace>","message"}]}} with 409 and x-ms-failure-cause: gateway (the details with the namespace as
/// target: Azure/azure-sdk-for-node#2305; the message as current clients quote it, e.g. nforgeio/neonKUBE#1670).
/// </summary>
internal sealed class ProviderRegistrations
{
    public const string NotRegistered = "NotRegistered";
    public const string Registering = "Registering";
    public const string Registered = "Registered";

    /// <summary>The namespaces whose types the emulator serves; Microsoft.Resources (groups, tags) is always registered, as in Azure.</summary>
    public static readonly IReadOnlyList<string> Namespaces =
        ResourceTypeCatalog.All.Select(t => t.Key[..t.Key.IndexOf('/')]).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    private readonly object _gate = new();
    private readonly EmulatorContext _emulator;
    private readonly Dictionary<string, DateTimeOffset?> _registeringUntil = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _registered = new(StringComparer.OrdinalIgnoreCase);

    public ProviderRegistrations(EmulatorContext emulator)
    {
        _emulator = emulator;
        Reset();
    }

    /// <summary>Back to the command line's state: every namespace Registered except those it names.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _registeringUntil.Clear();
            _registered.Clear();
            _registered.UnionWith(Namespaces.Except(_emulator.Options.UnregisteredProviders, StringComparer.OrdinalIgnoreCase));
        }
    }

    public void Unregister(string providerNamespace)
    {
        lock (_gate)
        {
            RequireKnown(providerNamespace);
            _registered.Remove(providerNamespace);
            _registeringUntil.Remove(providerNamespace);
        }
    }

    /// <summary>What a state file keeps: each namespace that is not NotRegistered, with when its registration completes (null once Registered).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset?> Snapshot()
    {
        lock (_gate)
        {
            return _registered.Select(n => KeyValuePair.Create(n, (DateTimeOffset?)null))
                .Concat(_registeringUntil)
                .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>Replaces the states with a snapshot's: namespaces it does not name are NotRegistered.</summary>
    public void Restore(IReadOnlyDictionary<string, DateTimeOffset?> states)
    {
        lock (_gate)
        {
            _registered.Clear();
            _registeringUntil.Clear();
            foreach (var (providerNamespace, until) in states.Where(s => Namespaces.Contains(s.Key, StringComparer.OrdinalIgnoreCase)))
            {
                if (until is null)
                {
                    _registered.Add(providerNamespace);
                }
                else
                {
                    _registeringUntil[providerNamespace] = until;
                }
            }
        }
    }

    public string StateOf(string providerNamespace, DateTimeOffset now)
    {
        lock (_gate)
        {
            RequireKnown(providerNamespace);
            if (_registeringUntil.TryGetValue(providerNamespace, out var until) && now >= until)
            {
                _registeringUntil.Remove(providerNamespace);
                _registered.Add(providerNamespace);
            }

            return _registered.Contains(providerNamespace) ? Registered
                : _registeringUntil.ContainsKey(providerNamespace) ? Registering
                : NotRegistered;
        }
    }

    /// <summary>POST .../register: starts the registration (a registered namespace stays as it is) and answers the provider.</summary>
    public JsonObject Register(string subscriptionId, string providerNamespace, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (StateOf(providerNamespace, now) == NotRegistered)
            {
                _registeringUntil[providerNamespace] = now + _emulator.Scale(_emulator.Options.ProviderRegistrationDuration);
            }

            return Body(subscriptionId, providerNamespace, now);
        }
    }

    /// <summary>
    /// GET /subscriptions/{s}/providers/{namespace}: the provider with its state and resourceTypes, each with its
    /// locations and apiVersions as the recording shows them (display names, newest version first); a type a regional
    /// gap marks unlisted is left out.
    /// </summary>
    public JsonObject Body(string subscriptionId, string providerNamespace, DateTimeOffset now)
    {
        var state = StateOf(providerNamespace, now);
        var canonical = Namespaces.First(n => n.Equals(providerNamespace, StringComparison.OrdinalIgnoreCase));
        var types = new JsonArray(ResourceTypeCatalog.All
            .Where(t => t.Key.StartsWith(canonical + "/", StringComparison.OrdinalIgnoreCase) && _emulator.RegionalAvailability.IsListed(t.Key))
            .Select(t => (JsonNode)new JsonObject
            {
                ["resourceType"] = t.Key[(canonical.Length + 1)..],
                ["locations"] = new JsonArray(Regions.Names.Select(r => (JsonNode)Regions.DisplayName(r)).ToArray()),
                ["apiVersions"] = new JsonArray(t.ApiVersions.Order().Reverse().Select(v => (JsonNode)v).ToArray()),
            })
            .ToArray());
        return new JsonObject
        {
            ["id"] = $"/subscriptions/{subscriptionId}/providers/{canonical}",
            ["namespace"] = canonical,
            ["resourceTypes"] = types,
            ["registrationState"] = state,
            ["registrationPolicy"] = "RegistrationRequired",
        };
    }

    /// <summary>ARM's front door refuses any write under a namespace the subscription is not registered for; reads pass.</summary>
    public void RequireRegisteredForWrite(ArmRequest request)
    {
        if (request.Method is "GET" or "HEAD" || IsRegistrationCall(request.Path))
        {
            return;
        }

        var segments = request.Path.Segments;
        var providers = -1;
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].Equals("providers", StringComparison.OrdinalIgnoreCase))
            {
                providers = i;
            }
        }

        if (providers < 0 || providers + 1 >= segments.Count)
        {
            return;
        }

        var providerNamespace = segments[providers + 1];
        if (Namespaces.Contains(providerNamespace, StringComparer.OrdinalIgnoreCase) && StateOf(providerNamespace, request.Now) != Registered)
        {
            var canonical = Namespaces.First(n => n.Equals(providerNamespace, StringComparison.OrdinalIgnoreCase));
            var message = $"The subscription is not registered to use namespace '{canonical}'. See https://aka.ms/rps-not-found for how to register subscriptions.";
            throw new ArmException(409, "MissingSubscriptionRegistration", message)
            {
                Details = new JsonArray(new JsonObject
                {
                    ["code"] = "MissingSubscriptionRegistration",
                    ["target"] = canonical,
                    ["message"] = message,
                }),
                FailureCause = "gateway",
            };
        }
    }

    /// <summary>/subscriptions/{s}/providers/{namespace} and .../register.</summary>
    public static bool IsRegistrationCall(ArmPath path) =>
        path.Is(0, "subscriptions") && path.Is(2, "providers") && (path.Count == 4 || (path.Count == 5 && path.Is(4, "register")));

    private static void RequireKnown(string providerNamespace)
    {
        if (!Namespaces.Contains(providerNamespace, StringComparer.OrdinalIgnoreCase))
        {
            // As ARM answers GET /subscriptions/{s}/providers/{unknown}.
            throw new ArmException(404, "InvalidResourceNamespace", $"The resource namespace '{providerNamespace}' is invalid.");
        }
    }
}

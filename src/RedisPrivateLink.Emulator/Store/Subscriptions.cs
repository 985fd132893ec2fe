using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Hosting;

namespace RedisPrivateLink.Emulator.Store;

/// <summary>One subscription the emulator hosts: its id, the tenant it trusts, and the name Azure lists it by.</summary>
internal sealed record EmulatedSubscription(string SubscriptionId, string TenantId, string DisplayName);

/// <summary>
/// The subscriptions the emulator hosts, as a landing zone has several (a hub holding the private DNS zones, spokes
/// holding networks and caches). The command line's subscription (`--subscription-id`) is always there and is the one
/// the connection file names; `--additional-subscription` and the control plane add more. Every subscription has its
/// own throttling buckets (ARM limits per subscription), its tenant, and its own resources and lists, as in Azure.
/// Provider registrations and management locks are shared by all: our simplification, stated in the README.
/// </summary>
internal sealed class Subscriptions
{
    public const string DefaultDisplayName = "Emulator Subscription";

    private readonly EmulatorOptions _options;
    private readonly object _gate = new();
    private readonly Dictionary<string, EmulatedSubscription> _added = new(StringComparer.OrdinalIgnoreCase);

    public Subscriptions(EmulatorOptions options)
    {
        _options = options;
    }

    /// <summary>The command line's subscriptions, then those added since, in the order they were added.</summary>
    public IReadOnlyList<EmulatedSubscription> All()
    {
        lock (_gate)
        {
            return [.. FromCommandLine(), .. _added.Values];
        }
    }

    public EmulatedSubscription? Find(string subscriptionId) =>
        All().FirstOrDefault(s => s.SubscriptionId.Equals(subscriptionId, StringComparison.OrdinalIgnoreCase));

    /// <summary>The subscription, or ARM's 404 SubscriptionNotFound.</summary>
    public EmulatedSubscription Require(string subscriptionId) =>
        Find(subscriptionId) ?? throw ArmErrors.SubscriptionNotFound(subscriptionId);

    /// <summary>Adds a subscription (or renames one added before); the command line's cannot be changed.</summary>
    public EmulatedSubscription Add(string subscriptionId, string? tenantId, string? displayName)
    {
        if (!Guid.TryParse(subscriptionId, out var id))
        {
            throw new ArgumentException($"The subscription id '{subscriptionId}' is not a GUID.");
        }

        if (tenantId is not null && !Guid.TryParse(tenantId, out _))
        {
            throw new ArgumentException($"The tenant id '{tenantId}' is not a GUID.");
        }

        var canonical = id.ToString("D");
        if (FromCommandLine().Any(s => s.SubscriptionId.Equals(canonical, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"The subscription '{canonical}' comes from the command line and cannot be changed.");
        }

        var subscription = new EmulatedSubscription(canonical, tenantId ?? _options.TenantId,
            string.IsNullOrWhiteSpace(displayName) ? $"Emulator Subscription {canonical[..8]}" : displayName);
        lock (_gate)
        {
            _added[canonical] = subscription;
        }

        return subscription;
    }

    /// <summary>The subscriptions added since start, for the state file.</summary>
    public IReadOnlyList<EmulatedSubscription> Added()
    {
        lock (_gate)
        {
            return [.. _added.Values];
        }
    }

    /// <summary>Back to the command line's subscriptions.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _added.Clear();
        }
    }

    private IEnumerable<EmulatedSubscription> FromCommandLine() =>
        new[] { new EmulatedSubscription(_options.SubscriptionId, _options.TenantId, DefaultDisplayName) }
            .Concat(_options.AdditionalSubscriptions
                .Where(id => !id.Equals(_options.SubscriptionId, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(id => new EmulatedSubscription(id, _options.TenantId, $"Emulator Subscription {id[..8]}")));
}

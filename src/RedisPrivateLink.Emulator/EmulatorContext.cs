using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Authorization;
using RedisPrivateLink.Emulator.Control;
using RedisPrivateLink.Emulator.Faults;
using RedisPrivateLink.Emulator.Hosting;
using RedisPrivateLink.Emulator.Identity;
using RedisPrivateLink.Emulator.Policy;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.ResourceGraph;
using RedisPrivateLink.Emulator.Store;
using RedisPrivateLink.Emulator.Throttling;

namespace RedisPrivateLink.Emulator;

/// <summary>The state of one emulator instance, shared by the ARM pipeline and the control plane.</summary>
internal sealed class EmulatorContext
{
    public EmulatorContext(EmulatorOptions options)
    {
        Options = options;
        Faults = new FaultRegistry(options.Random);
        Throttle = new SubscriptionThrottle(options.Throttling, options.Clock);
        ResourceGraphQuota = new ResourceGraphQuota(options.ResourceGraph, options.Clock);
        ProviderRegistrations = new ProviderRegistrations(this);
        Tokens = new TokenIssuer(options.Clock, options.TokenLifetime);
        Directory = new EntraDirectory(options.TenantId);
        Subscriptions = new Subscriptions(options);
        Policies = new PolicyAssignments(this);
        Store.Succeeded = resource =>
        {
            ResourceTypeCatalog.Find(resource.TypeKey)?.Provider.OnSucceeded(resource, Store);
            Policies.OnSucceeded(resource, Store.ChangeTime);
        };
        Store.Removed = resource => ResourceTypeCatalog.Find(resource.TypeKey)?.Provider.OnRemoved(resource, Store);
    }

    public EmulatorOptions Options { get; }

    public ResourceStore Store { get; } = new();

    public FaultRegistry Faults { get; }

    public SubscriptionThrottle Throttle { get; }

    public ResourceGraphQuota ResourceGraphQuota { get; }

    public RequestLog Log { get; } = new();

    public TokenIssuer Tokens { get; }

    public EntraDirectory Directory { get; }

    public Subscriptions Subscriptions { get; }

    /// <summary>The IDENTITY_HEADER secret of the managed identity endpoint, as Azure Automation hands one to each sandbox.</summary>
    public string IdentityHeader { get; } = Guid.NewGuid().ToString("N");

    public ProviderRegistrations ProviderRegistrations { get; }

    public ManagementLocks Locks { get; } = new();

    public RoleAssignments RoleAssignments { get; } = new();

    public RegionalAvailability RegionalAvailability { get; } = new();

    public PolicyAssignments Policies { get; }

    public DateTimeOffset Now => Options.Clock.GetUtcNow();

    /// <summary>Azure's pace times the time scale.</summary>
    public TimeSpan Scale(TimeSpan azureDuration) => azureDuration * Options.TimeScale;

    /// <summary>Retry-After scaled with the pace it paces; whole seconds, never negative.</summary>
    public int ScaleRetryAfter(int azureSeconds) => Math.Max(0, (int)Math.Round(azureSeconds * Options.TimeScale));

    /// <summary>Retry-After scaled with the pace it paces, in milliseconds, never negative.</summary>
    public long ScaleRetryAfterMilliseconds(int azureSeconds) => Math.Max(0, (long)Math.Round(azureSeconds * 1000 * Options.TimeScale));

    public void RequireSubscription(string subscriptionId) => Subscriptions.Require(subscriptionId);

    public static string ResourceGroupId(string subscriptionId, string name) => $"/subscriptions/{subscriptionId}/resourceGroups/{name}";

    public StoredResource RequireResourceGroup(string subscriptionId, string name)
    {
        RequireSubscription(subscriptionId);
        return Store.Find(ResourceGroupId(subscriptionId, name)) ?? throw ArmErrors.ResourceGroupNotFound(name);
    }

    /// <summary>Empties everything a test may have changed; the command line's subscriptions stay.</summary>
    public void Reset()
    {
        lock (Store.Gate)
        {
            Store.Clear();
        }

        Faults.Clear();
        Log.Clear();
        Throttle.Reset();
        ResourceGraphQuota.Reset();
        ProviderRegistrations.Reset();
        RegionalAvailability.Reset();
        Locks.Clear();
        Directory.Clear();
        Subscriptions.Reset();
        RoleAssignments.Clear();
        Policies.Clear();
    }
}

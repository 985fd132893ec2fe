using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Control;
using RedisPrivateLink.Emulator.Faults;
using RedisPrivateLink.Emulator.Hosting;
using RedisPrivateLink.Emulator.Identity;
using RedisPrivateLink.Emulator.Providers;
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
        ProviderRegistrations = new ProviderRegistrations(this);
        Tokens = new TokenIssuer(options.Clock, options.TokenLifetime);
        Directory = new EntraDirectory(options.TenantId);
        Store.Succeeded = resource => ResourceTypeCatalog.Find(resource.TypeKey)?.Provider.OnSucceeded(resource, Store);
        Store.Removed = resource => ResourceTypeCatalog.Find(resource.TypeKey)?.Provider.OnRemoved(resource, Store);
    }

    public EmulatorOptions Options { get; }

    public ResourceStore Store { get; } = new();

    public FaultRegistry Faults { get; }

    public SubscriptionThrottle Throttle { get; }

    public RequestLog Log { get; } = new();

    public TokenIssuer Tokens { get; }

    public EntraDirectory Directory { get; }

    /// <summary>The IDENTITY_HEADER secret of the managed identity endpoint, as Azure Automation hands one to each sandbox.</summary>
    public string IdentityHeader { get; } = Guid.NewGuid().ToString("N");

    public ProviderRegistrations ProviderRegistrations { get; }

    public ManagementLocks Locks { get; } = new();

    public RegionalAvailability RegionalAvailability { get; } = new();

    public DateTimeOffset Now => Options.Clock.GetUtcNow();

    /// <summary>Azure's pace times the time scale.</summary>
    public TimeSpan Scale(TimeSpan azureDuration) => azureDuration * Options.TimeScale;

    /// <summary>Retry-After scaled with the pace it paces; whole seconds, never negative.</summary>
    public int ScaleRetryAfter(int azureSeconds) => Math.Max(0, (int)Math.Round(azureSeconds * Options.TimeScale));

    /// <summary>Retry-After scaled with the pace it paces, in milliseconds, never negative.</summary>
    public long ScaleRetryAfterMilliseconds(int azureSeconds) => Math.Max(0, (long)Math.Round(azureSeconds * 1000 * Options.TimeScale));

    public void RequireSubscription(string subscriptionId)
    {
        if (!subscriptionId.Equals(Options.SubscriptionId, StringComparison.OrdinalIgnoreCase))
        {
            throw ArmErrors.SubscriptionNotFound(subscriptionId);
        }
    }

    public static string ResourceGroupId(string subscriptionId, string name) => $"/subscriptions/{subscriptionId}/resourceGroups/{name}";

    public StoredResource RequireResourceGroup(string subscriptionId, string name)
    {
        RequireSubscription(subscriptionId);
        return Store.Find(ResourceGroupId(subscriptionId, name)) ?? throw ArmErrors.ResourceGroupNotFound(name);
    }

    /// <summary>Empties everything a test may have changed; the subscription stays.</summary>
    public void Reset()
    {
        lock (Store.Gate)
        {
            Store.Clear();
        }

        Faults.Clear();
        Log.Clear();
        Throttle.Reset();
        ProviderRegistrations.Reset();
        RegionalAvailability.Reset();
        Locks.Clear();
        Directory.Clear();
    }
}

namespace RedisPrivateLink.Emulator.Hosting;

/// <summary>Everything that shapes one emulator instance; the command line fills it, tests build it directly.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Fixed so that demos and recordings are reproducible run after run.</summary>
    public const string DefaultSubscriptionId = "11111111-1111-1111-1111-111111111111";

    public const string DefaultTenantId = "22222222-2222-2222-2222-222222222222";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; set; }

    public string? ConnectionFile { get; set; }

    /// <summary>Multiplies Azure's pace: 0.001 makes a 20-minute cache create take 1.2 seconds.</summary>
    public double TimeScale { get; set; } = 1.0;

    public string? StateFile { get; set; }

    public string SubscriptionId { get; set; } = DefaultSubscriptionId;

    public string TenantId { get; set; } = DefaultTenantId;

    /// <summary>
    /// Further subscriptions hosted beside <see cref="SubscriptionId"/>, in the same tenant: a landing zone's hub and
    /// spokes. The control plane can add more at run time.
    /// </summary>
    public IList<string> AdditionalSubscriptions { get; set; } = new List<string>();

    /// <summary>The emulator exits when this process does, so no emulator outlives the run that started it.</summary>
    public int? ParentProcessId { get; set; }

    public int PageSize { get; set; } = 100;

    public ThrottlingOptions Throttling { get; set; } = new();

    public ResourceGraphOptions ResourceGraph { get; set; } = new();

    /// <summary>The clock behind provisioning progress and throttling refill; tests substitute a manual one.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// Answer a new classic cache (Microsoft.Cache/redis) with Azure's retirement refusal, as Azure does for new
    /// customers since 2026-04-01 and announces for everyone from 2026-10-01, and a new legacy Enterprise cluster
    /// (redisEnterprise with an Enterprise_E*/EnterpriseFlash_F* SKU) with its own. Existing caches stay writable.
    /// </summary>
    public bool RefuseClassicCreate { get; set; }

    /// <summary>
    /// How long Azure keeps a deleted cache's name from being reused (in Azure time: the time scale applies). While it
    /// is held, checkNameAvailability says taken and a create of that name is refused, in any resource group.
    /// </summary>
    public TimeSpan NameReleaseDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Resource provider namespaces (Microsoft.Cache, Microsoft.Network, Microsoft.Storage) the subscription starts
    /// not registered for, as a subscription that never used them: writes there answer 409 MissingSubscriptionRegistration
    /// until POST /subscriptions/{s}/providers/{namespace}/register and <see cref="ProviderRegistrationDuration"/>.
    /// </summary>
    public IList<string> UnregisteredProviders { get; set; } = new List<string>();

    /// <summary>
    /// From register to Registered, in Azure time (the time scale applies). Microsoft publishes no figure; two
    /// minutes is our reading of what users report (usually one to a few minutes).
    /// </summary>
    public TimeSpan ProviderRegistrationDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long the access tokens of the identity endpoints last (real time: the time scale does not apply). Entra's
    /// default for access tokens is 60-90 minutes (Microsoft docs, "Configurable token lifetimes"); an hour here.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Accept only access tokens this emulator issued. Off by default, so the static token of the connection file
    /// (and any other bearer token) passes; the emulator's own tokens are checked either way.
    /// </summary>
    public bool StrictAuthentication { get; set; }

    /// <summary>Drives probabilistic faults; tests pass a seeded one.</summary>
    public Random Random { get; set; } = Random.Shared;
}

/// <summary>ARM's per-subscription token buckets. Refill is real time: the time scale only speeds up provisioning.</summary>
public sealed class ThrottlingOptions
{
    public bool Enabled { get; set; } = true;

    public BucketOptions Reads { get; set; } = new(250, 25);

    public BucketOptions Writes { get; set; } = new(200, 10);

    public BucketOptions Deletes { get; set; } = new(200, 10);
}

public sealed record BucketOptions(int Burst, double RefillPerSecond);

/// <summary>The emulator's Resource Graph (POST /providers/Microsoft.ResourceGraph/resources).</summary>
public sealed class ResourceGraphOptions
{
    /// <summary>Resource Graph's default quota: 15 queries per user in every 5-second window (Microsoft docs).</summary>
    public int QueriesPerWindow { get; set; } = 15;

    public TimeSpan QuotaWindow { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most rows a page holds: 1000, Resource Graph's maximum $top (QueryRequestOptions.$top). Lowered, pages hold
    /// fewer rows than asked for, so tests can page small fleets.
    /// </summary>
    public int MaxPageSize { get; set; } = 1000;
}

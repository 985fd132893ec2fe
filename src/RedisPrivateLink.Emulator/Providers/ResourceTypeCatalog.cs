namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// The one table of supported types, their api-versions and Azure's pace. Durations come from the recordings in
/// shared/recordings (cache create ~13-29 min, network seconds, private DNS tens of seconds; linking geo-replication
/// is our estimate of minutes; a Managed Redis cluster takes tens of minutes, its database a few — our estimates) and are multiplied by the time scale. A zero delete duration means the provider deletes synchronously (200, no body).
/// </summary>
internal static class ResourceTypeCatalog
{
    // DESIGN.md pins 2024-11-01; the others are versions seen in the recordings and examples or still served by Azure.
    private static readonly string[] RedisApiVersions =
        ["2019-07-01", "2020-06-01", "2020-12-01", "2021-06-01", "2022-05-01", "2022-06-01", "2023-04-01",
         "2023-08-01", "2024-03-01", "2024-04-01-preview", "2024-11-01"];

    /// <summary>
    /// Managed Redis: 2025-07-01 (publicNetworkAccess, which it requires on PUT) and the stable versions before it that
    /// Managed Redis SKUs were served with, and the previews after it that Azure answered in the recordings
    /// (2026-02-01-preview: azure-powershell AzRedisEnterpriseCacheScenario; 2026-05-01-preview: azure-cli-extensions
    /// test_redisenterprise_access_string).
    /// </summary>
    private static readonly string[] ManagedRedisApiVersions =
        ["2024-09-01-preview", "2024-10-01", "2025-04-01", "2025-05-01-preview", "2025-07-01", "2026-02-01-preview", "2026-05-01-preview"];

    private static readonly string[] NetworkApiVersions =
        ["2021-05-01", "2022-07-01", "2022-11-01", "2023-04-01", "2023-05-01", "2023-06-01", "2023-09-01",
         "2023-11-01", "2024-01-01", "2024-03-01", "2024-05-01", "2024-07-01", "2024-10-01", "2025-01-01",
         "2025-03-01", "2025-05-01", "2025-07-01"];

    private static readonly string[] PrivateDnsApiVersions = ["2018-09-01", "2020-01-01", "2020-06-01", "2024-06-01"];

    private static readonly string[] StorageApiVersions =
        ["2021-09-01", "2022-09-01", "2023-01-01", "2023-04-01", "2023-05-01", "2024-01-01", "2025-01-01"];

    /// <summary>Microsoft.Resources versions from the recordings (2021-01-01) to the examples (2025-04-01).</summary>
    public static readonly IReadOnlyList<string> ResourceGroupApiVersions =
        ["2021-01-01", "2021-04-01", "2022-09-01", "2023-07-01", "2024-03-01", "2024-07-01", "2024-11-01", "2025-01-01",
         "2025-03-01", "2025-04-01"];

    public static readonly IReadOnlyList<string> SubscriptionApiVersions =
        ["2016-06-01", "2019-11-01", "2020-01-01", "2021-01-01", "2022-12-01"];

    /// <summary>Deleting a resource group and everything in it.</summary>
    public static readonly TimeSpan ResourceGroupDelete = TimeSpan.FromSeconds(30);

    /// <summary>A Premium cache's export or import of an RDB file: minutes in Azure for a small cache.</summary>
    public static readonly TimeSpan RedisDataTransfer = TimeSpan.FromMinutes(5);

    public static readonly IReadOnlyList<ResourceType> All =
    [
        //  key                                                   response type                                   style                  create      update      delete      by sub
        new("Microsoft.Cache/redis",                              "Microsoft.Cache/Redis",                        LroStyle.Redis,        Minutes(20), Seconds(90), Minutes(5), true,  RedisApiVersions,       new RedisProvider()),
        new("Microsoft.Cache/redis/privateEndpointConnections",   "Microsoft.Cache/Redis/privateEndpointConnections", LroStyle.Redis,   Seconds(10), Seconds(10), TimeSpan.Zero, false, RedisApiVersions,   new PrivateEndpointConnectionProvider(answersProvisioningState: false)),
        new("Microsoft.Cache/redis/firewallRules",                "Microsoft.Cache/Redis/firewallRules",          LroStyle.Synchronous,  TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, false, RedisApiVersions, new FirewallRuleProvider()),
        new("Microsoft.Cache/redis/patchSchedules",               "Microsoft.Cache/Redis/PatchSchedules",         LroStyle.Synchronous,  TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, false, RedisApiVersions, new PatchScheduleProvider()),
        new(LinkedServerProvider.Type,                            "Microsoft.Cache/Redis/linkedServers",          LroStyle.Redis,        Minutes(5),  Minutes(5),  Minutes(2),  false, RedisApiVersions,       new LinkedServerProvider()),
        new(ManagedRedisProvider.Type,                            ManagedRedisProvider.Type,                      LroStyle.ManagedRedis, Minutes(30), Minutes(5),  Minutes(10), true,  ManagedRedisApiVersions, new ManagedRedisProvider()),
        new(ManagedRedisProvider.DatabaseType,                    ManagedRedisProvider.DatabaseType,              LroStyle.ManagedRedis, Minutes(3),  Minutes(2),  Minutes(2),  false, ManagedRedisApiVersions, new ManagedRedisDatabaseProvider()),
        new(ManagedRedisProvider.ConnectionType,                  ManagedRedisProvider.ConnectionType,            LroStyle.Synchronous,  TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, false, ManagedRedisApiVersions, new PrivateEndpointConnectionProvider(answersProvisioningState: true)),
        new("Microsoft.Network/virtualNetworks",                  "Microsoft.Network/virtualNetworks",            LroStyle.Network,      Seconds(5),  Seconds(5),  Seconds(10), true, NetworkApiVersions,     new VirtualNetworkProvider()),
        new("Microsoft.Network/virtualNetworks/subnets",          "Microsoft.Network/virtualNetworks/subnets",    LroStyle.Network,      Seconds(5),  Seconds(5),  Seconds(5),  false, NetworkApiVersions,    new SubnetProvider()),
        new("Microsoft.Network/privateEndpoints",                 "Microsoft.Network/privateEndpoints",           LroStyle.Network,      Seconds(30), Seconds(30), Seconds(30), true, NetworkApiVersions,     new PrivateEndpointProvider()),
        new("Microsoft.Network/networkInterfaces",                "Microsoft.Network/networkInterfaces",          LroStyle.Network,      Seconds(5),  Seconds(5),  Seconds(5),  true, NetworkApiVersions,     new NetworkInterfaceProvider()),
        new("Microsoft.Network/privateEndpoints/privateDnsZoneGroups", "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", LroStyle.Network, Seconds(10), Seconds(10), Seconds(10), false, NetworkApiVersions, new PrivateDnsZoneGroupProvider()),
        new("Microsoft.Network/privateDnsZones",                  "Microsoft.Network/privateDnsZones",            LroStyle.PrivateDns,   Seconds(45), Seconds(30), Seconds(45), true, PrivateDnsApiVersions,  new PrivateDnsZoneProvider()),
        new("Microsoft.Network/privateDnsZones/virtualNetworkLinks", "Microsoft.Network/privateDnsZones/virtualNetworkLinks", LroStyle.PrivateDns, Seconds(30), Seconds(30), Seconds(30), false, PrivateDnsApiVersions, new VirtualNetworkLinkProvider()),
        new("Microsoft.Network/privateDnsZones/A",                "Microsoft.Network/privateDnsZones/A",          LroStyle.Synchronous,  TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, false, PrivateDnsApiVersions, new ARecordSetProvider()),
        new("Microsoft.Storage/storageAccounts",                  "Microsoft.Storage/storageAccounts",            LroStyle.Synchronous,  TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, true, StorageApiVersions, new StorageAccountProvider()),
    ];

    /// <summary>Seconds between polls that each style asks for (Redis asks for none).</summary>
    public static int? RetryAfterSeconds(LroStyle style) => style switch
    {
        LroStyle.Network => 10,
        LroStyle.PrivateDns => 60,
        _ => null,
    };

    public const int ResourceGroupDeleteRetryAfterSeconds = 15;

    public static ResourceType? Find(string key) =>
        All.FirstOrDefault(t => t.Key.Equals(key, StringComparison.OrdinalIgnoreCase));

    private static TimeSpan Minutes(double value) => TimeSpan.FromMinutes(value);

    private static TimeSpan Seconds(double value) => TimeSpan.FromSeconds(value);
}

namespace RedisPrivateLink.Tests.Shared;

/// <summary>
/// The api-version of each ARM type the C# tests send or expect: the one place they take them from, apart from the
/// engine's pins (ApiVersions) and the emulator's catalogue, so a test notices when either changes. Linked into each
/// test project, as YamlCassette is.
/// </summary>
internal static class TestApiVersions
{
    public const string Redis = "2024-11-01";
    public const string RedisEnterprise = "2025-07-01";
    public const string Network = "2024-05-01";

    /// <summary>A Network api-version newer than the engine's pin, which the emulator serves too; its own tests send it.</summary>
    public const string NetworkNewer = "2024-07-01";

    public const string PrivateDns = "2024-06-01";
    public const string ResourceGroups = "2021-04-01";
    public const string Subscriptions = "2022-12-01";
    public const string Storage = "2023-05-01";
}

using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Hosting;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Cache names are global (each one is a DNS name), so a name is taken while any cache of the same kind in any resource
/// group has it, and for <see cref="EmulatorOptions.NameReleaseDelay"/> after its cache was deleted, as Azure holds it.
/// Classic caches and Managed Redis clusters live under different DNS suffixes, so each kind has its own names.
/// </summary>
internal static class CacheNames
{
    public static bool IsTaken(string name, string typeKey, ResourceStore store, EmulatorOptions options, DateTimeOffset now,
        string? exceptId = null) =>
        store.Resources.Any(r => IsKind(r.TypeKey, typeKey) && r.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
                                 && !r.Id.Equals(exceptId, StringComparison.OrdinalIgnoreCase))
        || store.Deleted.Any(d => IsKind(d.TypeKey, typeKey) && d.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
                                  && now < d.DeletedAt + options.NameReleaseDelay * options.TimeScale);

    /// <summary>As the Redis RP answers checkNameAvailability for a taken name (a 409, not available=false).</summary>
    public static ArmException NotAvailable(string name) => new(409, "NameNotAvailable",
        $"The name '{name}' is already in use. Please choose a different name.");

    private static bool IsKind(string typeKey, string kind) => typeKey.Equals(kind, StringComparison.OrdinalIgnoreCase);
}

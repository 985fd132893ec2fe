using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Hosting;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Cache names are global (each one is a DNS name), so a name is taken while any cache in any resource group has it,
/// and for <see cref="EmulatorOptions.NameReleaseDelay"/> after its cache was deleted, as Azure holds it.
/// </summary>
internal static class CacheNames
{
    public static bool IsTaken(string name, ResourceStore store, EmulatorOptions options, DateTimeOffset now, string? exceptId = null) =>
        store.Resources.Any(r => IsCache(r.TypeKey) && r.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
                                 && !r.Id.Equals(exceptId, StringComparison.OrdinalIgnoreCase))
        || store.Deleted.Any(d => IsCache(d.TypeKey) && d.Name.Equals(name, StringComparison.OrdinalIgnoreCase)
                                  && now < d.DeletedAt + options.NameReleaseDelay * options.TimeScale);

    /// <summary>As the Redis RP answers checkNameAvailability for a taken name (a 409, not available=false).</summary>
    public static ArmException NotAvailable(string name) => new(409, "NameNotAvailable",
        $"The name '{name}' is already in use. Please choose a different name.");

    private static bool IsCache(string typeKey) => typeKey.Equals(PrivateEndpointNetwork.RedisType, StringComparison.OrdinalIgnoreCase);
}

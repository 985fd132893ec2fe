using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Control;

/// <summary>
/// The body of /_emulator/caches/.../data: a string that stands for everything the cache holds, and (read only) how its
/// last export or import reached storage, SAS or ManagedIdentity.
/// </summary>
public sealed record CacheData(
    string? Fingerprint,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DataArchiveAuthMethod = null);

/// <summary>
/// /_emulator/caches/{subscriptionId}/{resourceGroup}/{name}/data: reads and sets a cache's data fingerprint, which
/// exports carry into their blob and imports load from it, so tests can prove data moved. The name is a classic cache's
/// or a Managed Redis cluster's, whose data lives in its default database.
/// </summary>
internal static class CacheDataEndpoints
{
    public static void Map(RouteGroupBuilder group, EmulatorContext emulator, StateFile? stateFile)
    {
        const string Path = "/caches/{subscriptionId}/{resourceGroup}/{name}/data";
        group.MapGet(Path, (string subscriptionId, string resourceGroup, string name) =>
            WithCache(emulator, subscriptionId, resourceGroup, name, cache => Results.Ok(new CacheData(cache.DataFingerprint, cache.DataArchiveAuthMethod))));
        group.MapPut(Path, (string subscriptionId, string resourceGroup, string name, CacheData data) =>
            WithCache(emulator, subscriptionId, resourceGroup, name, cache =>
            {
                cache.DataFingerprint = data.Fingerprint;
                stateFile?.Save(emulator);
                return Results.Ok(new CacheData(cache.DataFingerprint, cache.DataArchiveAuthMethod));
            }));
    }

    /// <summary>Runs under the store's lock, with operations settled first so a finished import shows its data.</summary>
    private static IResult WithCache(EmulatorContext emulator, string subscriptionId, string resourceGroup, string name,
        Func<StoredResource, IResult> action)
    {
        lock (emulator.Store.Gate)
        {
            emulator.Store.Settle(emulator.Now);
            var providers = $"{EmulatorContext.ResourceGroupId(subscriptionId, resourceGroup)}/providers";
            var holder = Find(emulator, $"{providers}/{PrivateEndpointNetwork.RedisType}/{name}", PrivateEndpointNetwork.RedisType)
                         ?? Find(emulator, $"{providers}/{ManagedRedisProvider.Type}/{name}/databases/{ManagedRedisProvider.DefaultDatabase}",
                             ManagedRedisProvider.DatabaseType);
            return holder is not null
                ? action(holder)
                : Results.NotFound(new
                {
                    error = new
                    {
                        code = "CacheNotFound",
                        message = $"No cache, and no Managed Redis cluster with a default database, named '{name}' in " +
                                  $"'{resourceGroup}' in the emulator.",
                    },
                });
        }
    }

    private static StoredResource? Find(EmulatorContext emulator, string id, string typeKey) =>
        emulator.Store.Find(id) is { } found && found.TypeKey.Equals(typeKey, StringComparison.OrdinalIgnoreCase) ? found : null;
}

using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Providers;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Control;

/// <summary>The body of POST /_emulator/seed.</summary>
internal sealed record FleetSeedRequest(
    string[]? Subscriptions,
    int CachesPerSubscription,
    string? Kind,
    string? ResourceGroup,
    string? Location,
    string? NamePrefix,
    string? PublicNetworkAccess);

/// <summary>
/// A test aid, not ARM: puts a fleet of provisioned caches straight into the store — in each subscription (added when
/// the emulator does not host it yet) a resource group and that many caches, built by their provider as a PUT builds
/// them and already Succeeded — so that benchmarks and tests of tenant-wide reads (20,000 caches over 200
/// subscriptions) need not send and wait for tens of thousands of creates.
/// </summary>
internal static class FleetSeed
{
    public static int Seed(EmulatorContext emulator, FleetSeedRequest request)
    {
        var kind = request.Kind ?? "Classic";
        var typeKey = kind switch
        {
            "Classic" => "Microsoft.Cache/redis",
            "ManagedRedis" => "Microsoft.Cache/redisEnterprise",
            _ => throw new ArgumentException($"kind must be Classic or ManagedRedis, not '{kind}'."),
        };
        if (request.Subscriptions is not { Length: > 0 } subscriptions || request.CachesPerSubscription < 0)
        {
            throw new ArgumentException("subscriptions (GUIDs) and a non-negative cachesPerSubscription are required.");
        }

        var type = ResourceTypeCatalog.Find(typeKey)!;
        var location = request.Location ?? "eastus";
        var groupName = request.ResourceGroup ?? "rg-fleet";
        var prefix = request.NamePrefix ?? "fleet";
        var access = request.PublicNetworkAccess ?? "Enabled";
        var added = 0;
        foreach (var subscriptionId in subscriptions)
        {
            var subscription = emulator.Subscriptions.Find(subscriptionId) ?? emulator.Subscriptions.Add(subscriptionId, null, null);
            lock (emulator.Store.Gate)
            {
                var group = ResourceGroup(emulator.Store, subscription.SubscriptionId, groupName, location);
                for (var i = 1; i <= request.CachesPerSubscription; i++)
                {
                    var name = $"{prefix}-{subscription.SubscriptionId[..8]}-{i}";
                    var id = $"{group.Id}/providers/{type.ResponseType}/{name}";
                    if (emulator.Store.Find(id) is not null)
                    {
                        continue;
                    }

                    var context = new WriteContext
                    {
                        Id = id,
                        Name = name,
                        Type = type,
                        Request = CacheRequest(kind, location, access),
                        ResourceGroup = group,
                        Store = emulator.Store,
                        ApiVersion = kind == "Classic" ? "2024-11-01" : "2025-07-01",
                        Options = emulator.Options,
                    };
                    var resource = new StoredResource
                    {
                        Id = id,
                        TypeKey = type.Key,
                        Sequence = emulator.Store.NextSequence(),
                        Body = type.Provider.Build(context),
                        Secrets = type.Provider.CreateSecrets(),
                    };
                    resource.ProvisioningState = "Succeeded";
                    emulator.Store.Put(resource);
                    added++;
                }
            }
        }

        return added;
    }

    private static JsonObject CacheRequest(string kind, string location, string access) => kind == "Classic"
        ? new JsonObject
        {
            ["location"] = location,
            ["properties"] = new JsonObject
            {
                ["sku"] = new JsonObject { ["name"] = "Basic", ["family"] = "C", ["capacity"] = 0 },
                ["publicNetworkAccess"] = access,
                ["minimumTlsVersion"] = "1.2",
            },
        }
        : new JsonObject
        {
            ["location"] = location,
            ["sku"] = new JsonObject { ["name"] = "Balanced_B0" },
            ["properties"] = new JsonObject { ["publicNetworkAccess"] = access, ["minimumTlsVersion"] = "1.2" },
        };

    private static StoredResource ResourceGroup(ResourceStore store, string subscriptionId, string name, string location)
    {
        var id = EmulatorContext.ResourceGroupId(subscriptionId, name);
        if (store.Find(id) is { } existing)
        {
            return existing;
        }

        var group = new StoredResource
        {
            Id = id,
            TypeKey = ResourceGroupHandler.TypeKey,
            Sequence = store.NextSequence(),
            Body = new JsonObject
            {
                ["id"] = id,
                ["name"] = name,
                ["type"] = ResourceGroupHandler.TypeKey,
                ["location"] = Regions.Normalize(location),
                ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" },
            },
        };
        store.Put(group);
        return group;
    }
}

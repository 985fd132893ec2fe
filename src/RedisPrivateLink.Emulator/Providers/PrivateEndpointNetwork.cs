using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// What a private endpoint brings along in Azure: a network interface holding a private IP of its subnet, and a
/// connection on the cache it points at. Shared by the endpoint and its DNS zone group.
/// </summary>
internal static class PrivateEndpointNetwork
{
    public const string RedisType = "Microsoft.Cache/redis";
    public const string ConnectionType = "Microsoft.Cache/redis/privateEndpointConnections";
    public const string NetworkInterfaceType = "Microsoft.Network/networkInterfaces";
    public const string EndpointType = "Microsoft.Network/privateEndpoints";

    /// <summary>The one private link group a classic cache offers.</summary>
    public const string RedisGroupId = "redisCache";

    /// <summary>Azure keeps the first four addresses of every subnet for itself (and the last one, the broadcast).</summary>
    private const int ReservedAtStart = 4;

    /// <summary>The endpoint's private IP, creating its network interface on first use.</summary>
    public static string EnsureNetworkInterface(StoredResource endpoint, ResourceStore store)
    {
        var interfaceId = (string)endpoint.Body["properties"]!["networkInterfaces"]![0]!["id"]!;
        if (store.Find(interfaceId) is { } existing)
        {
            return PrivateIp(existing)!;
        }

        var subnetId = JsonMerge.String(endpoint.Body["properties"]!["subnet"], "id") ?? "";
        var address = NextAddress(subnetId, store);
        store.Put(new StoredResource
        {
            Id = interfaceId,
            TypeKey = NetworkInterfaceType,
            Sequence = store.NextSequence(),
            Body = new JsonObject
            {
                ["name"] = interfaceId[(interfaceId.LastIndexOf('/') + 1)..],
                ["id"] = interfaceId,
                ["etag"] = $"W/\"{Guid.NewGuid()}\"",
                ["type"] = NetworkInterfaceType,
                ["location"] = endpoint.Body["location"]?.DeepClone(),
                ["properties"] = new JsonObject
                {
                    ["provisioningState"] = "Succeeded",
                    ["ipConfigurations"] = new JsonArray(new JsonObject
                    {
                        ["name"] = $"privateEndpointIpConfig.{Guid.NewGuid()}",
                        ["id"] = $"{interfaceId}/ipConfigurations/privateEndpointIpConfig",
                        ["properties"] = new JsonObject
                        {
                            ["provisioningState"] = "Succeeded",
                            ["privateIPAddress"] = address,
                            ["privateIPAllocationMethod"] = "Dynamic",
                            ["subnet"] = new JsonObject { ["id"] = subnetId },
                            ["primary"] = true,
                            ["privateIPAddressVersion"] = "IPv4",
                        },
                    }),
                    ["privateEndpoint"] = new JsonObject { ["id"] = endpoint.Id },
                },
            },
        });
        return address;
    }

    public static string? PrivateIp(StoredResource networkInterface) =>
        JsonMerge.String(networkInterface.Body["properties"]?["ipConfigurations"]?[0]?["properties"], "privateIPAddress");

    /// <summary>Both connection lists of an endpoint, with which list each came from.</summary>
    public static IEnumerable<(JsonObject Connection, bool Manual)> Connections(JsonObject endpointBody) =>
        (endpointBody["properties"]?["privateLinkServiceConnections"] as JsonArray ?? []).OfType<JsonObject>().Select(c => (c, false))
        .Concat((endpointBody["properties"]?["manualPrivateLinkServiceConnections"] as JsonArray ?? []).OfType<JsonObject>().Select(c => (c, true)));

    /// <summary>The cache or Managed Redis cluster a connection of an endpoint points at, if it exists.</summary>
    public static StoredResource? TargetCache(JsonObject connection, ResourceStore store) =>
        JsonMerge.String(connection["properties"], "privateLinkServiceId") is { } targetId
        && store.Find(targetId) is { } target
        && PrivateLinkTarget.For(target.TypeKey) is not null
            ? target
            : null;

    /// <summary>The connection on the cache side that belongs to this endpoint, if the cache has one.</summary>
    public static StoredResource? CacheConnection(StoredResource cache, string endpointId, ResourceStore store) =>
        store.Under(cache.Id, PrivateLinkTarget.For(cache.TypeKey)!.ConnectionTypeKey).FirstOrDefault(c =>
            string.Equals(JsonMerge.String(c.Body["properties"]?["privateEndpoint"], "id"), endpointId, StringComparison.OrdinalIgnoreCase));

    /// <summary>How many private endpoints the subnet can hold: its size less the five addresses Azure reserves.</summary>
    public static UInt128 Capacity(AddressPrefix prefix) =>
        prefix.Size > ReservedAtStart + 1 ? prefix.Size - ReservedAtStart - 1 : UInt128.Zero;

    /// <summary>The lowest free address after the reserved ones, as Azure's dynamic allocation hands them out.</summary>
    private static string NextAddress(string subnetId, ResourceStore store)
    {
        var prefix = SubnetLayout.PrefixesOf(store.Find(subnetId)?.Body ?? new JsonObject()).Select(AddressPrefix.Parse).FirstOrDefault()
                     ?? AddressPrefix.Parse("10.0.0.0/24")!.Value;
        var used = store.Resources
            .Where(r => r.TypeKey == NetworkInterfaceType
                        && string.Equals(JsonMerge.String(r.Body["properties"]?["ipConfigurations"]?[0]?["properties"]?["subnet"], "id"),
                            subnetId, StringComparison.OrdinalIgnoreCase))
            .Select(r => prefix.OffsetOf(PrivateIp(r) ?? ""))
            .ToHashSet();
        var offset = (UInt128)ReservedAtStart;
        while (used.Contains(offset))
        {
            offset++;
        }

        return prefix.AddressAt(offset);
    }
}

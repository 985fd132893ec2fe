using System.Net;
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

    /// <summary>Azure keeps the first four addresses of every subnet for itself.</summary>
    private const int ReservedAddresses = 4;

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

    public static StoredResource? TargetCache(JsonObject connection, ResourceStore store) =>
        JsonMerge.String(connection["properties"], "privateLinkServiceId") is { } targetId
        && store.Find(targetId) is { } target
        && target.TypeKey.Equals(RedisType, StringComparison.OrdinalIgnoreCase)
            ? target
            : null;

    /// <summary>The connection on the cache side that belongs to this endpoint, if the cache has one.</summary>
    public static StoredResource? CacheConnection(StoredResource cache, string endpointId, ResourceStore store) =>
        store.Under(cache.Id, ConnectionType).FirstOrDefault(c =>
            string.Equals(JsonMerge.String(c.Body["properties"]?["privateEndpoint"], "id"), endpointId, StringComparison.OrdinalIgnoreCase));

    private static string NextAddress(string subnetId, ResourceStore store)
    {
        var prefix = JsonMerge.String(store.Find(subnetId)?.Body["properties"], "addressPrefix") ?? "10.0.0.0/24";
        var network = IPAddress.Parse(prefix.Split('/')[0]).GetAddressBytes();
        var used = store.Resources.Count(r =>
            r.TypeKey == NetworkInterfaceType
            && string.Equals(JsonMerge.String(r.Body["properties"]?["ipConfigurations"]?[0]?["properties"]?["subnet"], "id"),
                subnetId, StringComparison.OrdinalIgnoreCase));
        var value = ((uint)network[0] << 24 | (uint)network[1] << 16 | (uint)network[2] << 8 | network[3]) + ReservedAddresses + (uint)used;
        return new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]).ToString();
    }
}

using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// A private endpoint's DNS zone group. When it is provisioned it writes, in each zone it names, an A record for the
/// target's host name (a cache's name, a Managed Redis cluster's {name}.{region}) with the endpoint's private IP (TTL 10,
/// as Azure does), and lists them as its recordSets.
/// Removing the group removes those records. An endpoint has at most one group, and every zone it names must exist.
/// </summary>
internal sealed class PrivateDnsZoneGroupProvider() : NetworkProvider(hasResourceGuid: false)
{
    private const string ZoneGroupType = "Microsoft.Network/privateEndpoints/privateDnsZoneGroups";
    private const string ZoneType = "Microsoft.Network/privateDnsZones";
    private const string ARecordType = "Microsoft.Network/privateDnsZones/A";
    private const int RecordTtl = 10;

    public override void Validate(WriteContext context)
    {
        var endpointId = EndpointIdOf(context.Id);
        if (context.Store.Under(endpointId, ZoneGroupType).Any(g => !g.Id.Equals(context.Id, StringComparison.OrdinalIgnoreCase)))
        {
            throw NetworkErrors.MoreThanOneZoneGroup(endpointId[(endpointId.LastIndexOf('/') + 1)..]);
        }

        foreach (var config in Configs(context.Request))
        {
            var zoneId = JsonMerge.String(config["properties"], "privateDnsZoneId") ?? "";
            if (context.Store.Find(zoneId) is not { } zone || !zone.TypeKey.Equals(ZoneType, StringComparison.OrdinalIgnoreCase))
            {
                throw NetworkErrors.InvalidResourceReference(zoneId, context.Id);
            }
        }
    }

    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        foreach (var config in Configs(body))
        {
            var name = JsonMerge.String(config, "name") ?? Guid.NewGuid().ToString("N")[..10];
            config["name"] = name;
            config["id"] = $"{context.Id}/privateDnsZoneConfigs/{name}";
            Properties(config)["recordSets"] = new JsonArray();
        }

        return body;
    }

    public override void OnSucceeded(StoredResource resource, ResourceStore store)
    {
        if (store.Find(EndpointIdOf(resource.Id)) is not { } endpoint)
        {
            return;
        }

        var address = PrivateEndpointNetwork.EnsureNetworkInterface(endpoint, store);
        var caches = PrivateEndpointNetwork.Connections(endpoint.Body)
            .Select(c => PrivateEndpointNetwork.TargetCache(c.Connection, store))
            .OfType<StoredResource>()
            .ToList();
        foreach (var config in Configs(resource.Body))
        {
            var recordSets = new JsonArray();
            if (JsonMerge.String(config["properties"], "privateDnsZoneId") is { } zoneId && store.Find(zoneId) is { } zone)
            {
                foreach (var cache in caches)
                {
                    var recordName = RecordName(cache, zone.Name);
                    WriteRecord(store, zone, recordName, address);
                    recordSets.Add(new JsonObject
                    {
                        ["recordType"] = "A",
                        ["recordSetName"] = recordName,
                        ["fqdn"] = $"{recordName}.{zone.Name}",
                        ["provisioningState"] = "Succeeded",
                        ["ttl"] = RecordTtl,
                        ["ipAddresses"] = new JsonArray(address),
                    });
                }
            }

            Properties(config)["recordSets"] = recordSets;
        }
    }

    public override void OnRemoved(StoredResource resource, ResourceStore store)
    {
        foreach (var config in Configs(resource.Body))
        {
            var zoneId = JsonMerge.String(config["properties"], "privateDnsZoneId");
            foreach (var recordSet in (config["properties"]?["recordSets"] as JsonArray ?? []).OfType<JsonObject>())
            {
                store.RemoveTree($"{zoneId}/A/{JsonMerge.String(recordSet, "recordSetName")}");
            }
        }
    }

    /// <summary>
    /// The record the zone needs for the target's host name: the part before the zone's public suffix, so a classic
    /// cache gets "{name}" in privatelink.redis.cache.windows.net and a Managed Redis cluster "{name}.{region}" in
    /// privatelink.redis.azure.net. A host name outside the zone's suffix gets the resource name, as before.
    /// </summary>
    private static string RecordName(StoredResource target, string zoneName)
    {
        var publicSuffix = "." + (zoneName.StartsWith("privatelink.", StringComparison.OrdinalIgnoreCase) ? zoneName["privatelink.".Length..] : zoneName);
        return JsonMerge.String(target.Body["properties"], "hostName") is { } hostName
               && hostName.EndsWith(publicSuffix, StringComparison.OrdinalIgnoreCase)
            ? hostName[..^publicSuffix.Length]
            : target.Name;
    }

    private static void WriteRecord(ResourceStore store, StoredResource zone, string name, string address)
    {
        var id = $"{zone.Id}/A/{name}";
        var existing = store.Find(id);
        store.Put(new StoredResource
        {
            Id = existing?.Id ?? id,
            TypeKey = ARecordType,
            Sequence = existing?.Sequence ?? store.NextSequence(),
            Body = new JsonObject
            {
                ["id"] = existing?.Id ?? id,
                ["name"] = name,
                ["type"] = ARecordType,
                ["etag"] = Guid.NewGuid().ToString(),
                ["properties"] = new JsonObject
                {
                    ["provisioningState"] = "Succeeded",
                    ["ttl"] = RecordTtl,
                    ["fqdn"] = $"{name}.{zone.Name}.",
                    ["aRecords"] = new JsonArray(new JsonObject { ["ipv4Address"] = address }),
                    ["isAutoRegistered"] = false,
                },
            },
        });
    }

    private static string EndpointIdOf(string zoneGroupId) =>
        zoneGroupId[..zoneGroupId.LastIndexOf("/privateDnsZoneGroups/", StringComparison.OrdinalIgnoreCase)];

    private static IEnumerable<JsonObject> Configs(JsonObject body) =>
        (body["properties"]?["privateDnsZoneConfigs"] as JsonArray ?? []).OfType<JsonObject>();
}

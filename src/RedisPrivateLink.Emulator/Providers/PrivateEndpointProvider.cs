using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// A private endpoint. Once it is provisioned it has a network interface with a private IP and a connection on the
/// target cache, auto-approved or Pending for the manual kind (as recorded). The cache-side connection is the truth
/// about approval: reads of the endpoint show its state, and customDnsConfigs once it is Approved.
/// Its VNet must be in the endpoint's region; the cache may be in any region (Azure allows cross-region endpoints).
/// </summary>
internal sealed class PrivateEndpointProvider() : NetworkProvider(hasResourceGuid: true)
{
    public override void Validate(WriteContext context)
    {
        var subnet = RequireSubnet(context);
        foreach (var (connection, _) in PrivateEndpointNetwork.Connections(context.Request))
        {
            RequireTarget(connection, context.Store);
        }

        var subnetChanged = !string.Equals(JsonMerge.String(context.Existing?.Body["properties"]?["subnet"], "id"), subnet.Id,
            StringComparison.OrdinalIgnoreCase);
        if (subnetChanged && SubnetLayout.PrefixesOf(subnet.Body).FirstOrDefault() is { } prefixText
            && AddressPrefix.Parse(prefixText) is { } prefix
            && (UInt128)SubnetLayout.Users(subnet.Id, context.Store).Count() >= PrivateEndpointNetwork.Capacity(prefix))
        {
            throw NetworkErrors.SubnetIsFull(subnet.Name, prefixText);
        }
    }

    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        var properties = Properties(body);
        properties["privateLinkServiceConnections"] = Connections(context, properties, "privateLinkServiceConnections", manual: false);
        properties["manualPrivateLinkServiceConnections"] = Connections(context, properties, "manualPrivateLinkServiceConnections", manual: true);
        properties["customNetworkInterfaceName"] ??= "";
        properties["networkInterfaces"] = context.Existing?.Body["properties"]?["networkInterfaces"]?.DeepClone()
            ?? new JsonArray(new JsonObject
            {
                ["id"] = $"/subscriptions/{context.SubscriptionId}/resourceGroups/{context.ResourceGroupName}" +
                         $"/providers/Microsoft.Network/networkInterfaces/{context.Name}.nic.{Guid.NewGuid()}",
            });
        properties["customDnsConfigs"] = new JsonArray();
        properties["ipConfigurations"] ??= new JsonArray();
        return body;
    }

    public override void OnSucceeded(StoredResource resource, ResourceStore store)
    {
        PrivateEndpointNetwork.EnsureNetworkInterface(resource, store);
        foreach (var (connection, _) in PrivateEndpointNetwork.Connections(resource.Body))
        {
            if (PrivateEndpointNetwork.TargetCache(connection, store) is { } cache
                && PrivateEndpointNetwork.CacheConnection(cache, resource.Id, store) is null)
            {
                var target = PrivateLinkTarget.For(cache.TypeKey)!;
                var name = $"{resource.Name}.{Guid.NewGuid()}";
                var id = $"{cache.Id}/privateEndpointConnections/{name}";
                store.Put(new StoredResource
                {
                    Id = id,
                    TypeKey = target.ConnectionTypeKey,
                    Sequence = store.NextSequence(),
                    Body = new JsonObject
                    {
                        ["id"] = id,
                        ["name"] = name,
                        ["type"] = target.ConnectionResponseType,
                        ["properties"] = new JsonObject
                        {
                            ["provisioningState"] = "Succeeded",
                            ["privateEndpoint"] = new JsonObject { ["id"] = resource.Id },
                            ["privateLinkServiceConnectionState"] = connection["properties"]!["privateLinkServiceConnectionState"]!.DeepClone(),
                        },
                    },
                });
            }
        }
    }

    public override JsonObject Render(StoredResource resource, ResourceStore store)
    {
        var body = base.Render(resource, store);
        var interfaceId = JsonMerge.String(resource.Body["properties"]?["networkInterfaces"]?[0], "id");
        var address = interfaceId is null || store.Find(interfaceId) is not { } networkInterface
            ? null
            : PrivateEndpointNetwork.PrivateIp(networkInterface);
        var dnsConfigs = new JsonArray();
        foreach (var (connection, _) in PrivateEndpointNetwork.Connections(body))
        {
            var state = Properties(connection);
            if (PrivateEndpointNetwork.TargetCache(connection, store) is not { } cache)
            {
                continue;
            }

            if (PrivateEndpointNetwork.CacheConnection(cache, resource.Id, store) is { } cacheSide)
            {
                state["privateLinkServiceConnectionState"] = cacheSide.Body["properties"]!["privateLinkServiceConnectionState"]!.DeepClone();
            }

            if (address is not null && JsonMerge.String(state["privateLinkServiceConnectionState"], "status") == "Approved")
            {
                dnsConfigs.Add(new JsonObject
                {
                    ["fqdn"] = JsonMerge.String(cache.Body["properties"], "hostName"),
                    ["ipAddresses"] = new JsonArray(address),
                });
            }
        }

        Properties(body)["customDnsConfigs"] = dnsConfigs;
        return body;
    }

    /// <summary>Gone with the endpoint: its network interface and the connections it had on caches.</summary>
    public override void OnRemoved(StoredResource resource, ResourceStore store)
    {
        if (JsonMerge.String(resource.Body["properties"]?["networkInterfaces"]?[0], "id") is { } interfaceId)
        {
            store.RemoveTree(interfaceId);
        }

        foreach (var connection in store.Resources
                     .Where(r => PrivateLinkTarget.IsConnection(r.TypeKey)
                                 && string.Equals(JsonMerge.String(r.Body["properties"]?["privateEndpoint"], "id"), resource.Id,
                                     StringComparison.OrdinalIgnoreCase))
                     .ToList())
        {
            store.RemoveTree(connection.Id);
        }
    }

    /// <summary>
    /// The subnet must exist, sit in the endpoint's region and subscription and hold no VNet-injected cache. "The
    /// private endpoint must be deployed in the same region and subscription as the virtual network" (Microsoft docs,
    /// "What is a private endpoint?"); a subnet of another subscription is refused as one that is not there, with
    /// InvalidResourceReference naming the network (Azure/azure-cli#13614; hashicorp/terraform-provider-azurerm#14175
    /// moves the endpoint into the subnet's subscription to get past it). The target cache may be in any subscription.
    /// </summary>
    private static StoredResource RequireSubnet(WriteContext context)
    {
        var subnetId = JsonMerge.String(context.Request["properties"]?["subnet"], "id") ?? "";
        var subnet = context.Store.Find(subnetId);
        var vnet = subnet is null ? null : context.Store.Find(subnet.Id[..subnet.Id.LastIndexOf("/subnets/", StringComparison.OrdinalIgnoreCase)]);
        if (subnet?.TypeKey != SubnetLayout.SubnetType || vnet is null
            || !string.Equals(SubscriptionOf(vnet.Id), SubscriptionOf(context.Id), StringComparison.OrdinalIgnoreCase)
            || Regions.Normalize(JsonMerge.String(vnet.Body, "location") ?? "") != Regions.Normalize(context.Location))
        {
            throw NetworkErrors.InvalidResourceReference(subnetId, context.Id);
        }

        // No refusal for privateEndpointNetworkPolicies, whatever its value: Azure refused endpoints in subnets with the
        // policies Enabled (PrivateEndpointCannotBeCreatedInSubnetThatHasNetworkPoliciesEnabled) only before network
        // security groups and route tables became supported for private endpoints (GA in 2022). Today "Network policies
        // should be enabled in the subnet that hosts the private endpoint" (MicrosoftDocs/azure-docs,
        // articles/private-link/disable-private-endpoint-network-policy.md).
        InjectedSubnet.RequireNoCache(subnet.Id, context.Id, context.Store);
        return subnet;
    }

    private static string SubscriptionOf(string resourceId) => resourceId.Split('/', StringSplitOptions.RemoveEmptyEntries)[1];

    /// <summary>
    /// The target must exist; a cache offers only redisCache (and nothing when it is VNet-injected), a Managed Redis
    /// cluster only redisEnterprise.
    /// </summary>
    private static void RequireTarget(JsonObject connection, ResourceStore store)
    {
        var targetId = JsonMerge.String(connection["properties"], "privateLinkServiceId") ?? "";
        var target = store.Find(targetId) ?? throw NetworkErrors.PrivateLinkTargetNotFound(targetId);
        if (PrivateLinkTarget.For(target.TypeKey) is not { } kind)
        {
            return;
        }

        var groupIds = (connection["properties"]?["groupIds"] as JsonArray ?? []).Select(g => g?.GetValue<string>() ?? "").ToList();
        if (groupIds.Count != 1 || !groupIds[0].Equals(kind.GroupId, StringComparison.OrdinalIgnoreCase))
        {
            throw NetworkErrors.InvalidGroupId(kind.ResponseType, string.Join(",", groupIds), [kind.GroupId]);
        }

        if (JsonMerge.String(target.Body["properties"], "subnetId") is not null)
        {
            throw NetworkErrors.VNetInjectedCache(target.Id);
        }
    }

    private static JsonArray Connections(WriteContext context, JsonObject properties, string name, bool manual)
    {
        var connections = new JsonArray();
        foreach (var requested in (properties[name] as JsonArray ?? []).OfType<JsonObject>())
        {
            var connection = (JsonObject)requested.DeepClone();
            var connectionName = JsonMerge.String(connection, "name") ?? Guid.NewGuid().ToString("N");
            connection["name"] = connectionName;
            connection["id"] = $"{context.Id}/{name}/{connectionName}";
            connection["etag"] = NewEtag();
            connection["type"] = $"Microsoft.Network/privateEndpoints/{name}";
            var connectionProperties = Properties(connection);
            connectionProperties["provisioningState"] = "Succeeded";
            if (context.Store.Find(JsonMerge.String(connectionProperties, "privateLinkServiceId") ?? "") is { } target)
            {
                connectionProperties["privateLinkServiceId"] = target.Id;
            }

            connectionProperties["privateLinkServiceConnectionState"] ??= new JsonObject
            {
                ["status"] = manual ? "Pending" : "Approved",
                ["description"] = manual
                    ? JsonMerge.String(connectionProperties, "requestMessage") ?? ""
                    : "Auto-Approved",
                ["actionsRequired"] = "None",
            };
            connections.Add(connection);
        }

        return connections;
    }
}

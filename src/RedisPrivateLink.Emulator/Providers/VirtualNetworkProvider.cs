using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// A VNet's subnets live as child resources, the single source of truth; the VNet body embeds them when read. A VNet
/// PUT replaces the subnet list, as ARM does: subnets it omits are deleted, unless something still uses them.
/// </summary>
internal sealed class VirtualNetworkProvider() : NetworkProvider(hasResourceGuid: true)
{
    private const string SubnetType = SubnetLayout.SubnetType;

    public override void Validate(WriteContext context)
    {
        var requested = RequestedSubnets(context.Request);
        foreach (var subnet in requested)
        {
            SubnetProvider.RequireKnownEndpointPolicies($"{context.Id}/subnets/{NameOf(subnet)}", subnet);
        }

        SubnetLayout.Validate(context.Id, context.Name, SubnetLayout.AddressSpaceOf(context.Request),
            requested.Select(s => SubnetLayout.Describe($"{context.Id}/subnets/{NameOf(s)}", s)).ToList());
        foreach (var dropped in context.Store.Under(context.Id, SubnetType)
                     .Where(s => !requested.Any(r => NameOf(r).Equals(s.Name, StringComparison.OrdinalIgnoreCase))))
        {
            SubnetLayout.RequireUnused(dropped, context.Store);
        }
    }

    public override void ValidateDelete(StoredResource resource, ResourceStore store)
    {
        foreach (var subnet in store.Under(resource.Id, SubnetType))
        {
            SubnetLayout.RequireUnused(subnet, store);
        }
    }

    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        var properties = Properties(body);
        properties.Remove("subnets");
        properties["dhcpOptions"] ??= new JsonObject { ["dnsServers"] = new JsonArray() };
        properties["virtualNetworkPeerings"] ??= new JsonArray();
        properties["enableDdosProtection"] ??= false;
        return body;
    }

    public override JsonObject Render(StoredResource resource, ResourceStore store)
    {
        var body = base.Render(resource, store);
        var subnets = new JsonArray();
        foreach (var subnet in store.Under(resource.Id, SubnetType))
        {
            subnets.Add(subnet.Body.DeepClone());
        }

        Properties(body)["subnets"] = subnets;
        return body;
    }

    public override void OnWritten(WriteContext context, StoredResource resource)
    {
        var requested = RequestedSubnets(context.Request);
        var subnetType = ResourceTypeCatalog.Find(SubnetType)!;

        foreach (var stale in context.Store.Under(resource.Id, SubnetType)
                     .Where(s => !requested.Any(r => NameOf(r).Equals(s.Name, StringComparison.OrdinalIgnoreCase)))
                     .ToList())
        {
            context.Store.RemoveTree(stale.Id);
        }

        foreach (var request in requested)
        {
            var existing = context.Store.Under(resource.Id, SubnetType)
                .FirstOrDefault(s => s.Name.Equals(NameOf(request), StringComparison.OrdinalIgnoreCase));
            var subnetContext = new WriteContext
            {
                Id = existing?.Id ?? $"{resource.Id}/subnets/{NameOf(request)}",
                Name = existing?.Name ?? NameOf(request),
                Type = subnetType,
                Request = request,
                ResourceGroup = context.ResourceGroup,
                Store = context.Store,
                Existing = existing,
                Options = context.Options,
                ApiVersion = context.ApiVersion,
            };
            var subnet = new StoredResource
            {
                Id = subnetContext.Id,
                TypeKey = subnetType.Key,
                Sequence = existing?.Sequence ?? context.Store.NextSequence(),
                Body = subnetType.Provider.Build(subnetContext),
                OperationId = context.OperationId,
            };
            subnet.ProvisioningState = context.OperationId is null ? "Succeeded" : "Updating";
            context.Store.Put(subnet);
        }
    }

    private static List<JsonObject> RequestedSubnets(JsonObject request) =>
        (request["properties"]?["subnets"] as JsonArray ?? [])
        .OfType<JsonObject>()
        .Where(s => Arm.JsonMerge.String(s, "name") is not null)
        .ToList();

    private static string NameOf(JsonObject subnet) => Arm.JsonMerge.String(subnet, "name")!;
}

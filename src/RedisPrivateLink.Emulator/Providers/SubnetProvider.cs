using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// A subnet, whether PUT on its own or embedded in its VNet's PUT. Private endpoint network policies default to
/// Disabled, as Azure creates new subnets now; "Enabled" is kept when asked for.
/// </summary>
internal sealed class SubnetProvider() : NetworkProvider(hasResourceGuid: false)
{
    /// <summary>A subnet PUT alone obeys the same layout rules as its VNet's PUT, against the VNet and its siblings.</summary>
    public override void Validate(WriteContext context)
    {
        var vnetId = context.Id[..context.Id.LastIndexOf("/subnets/", StringComparison.OrdinalIgnoreCase)];
        var vnet = context.Store.Find(vnetId)!;
        var siblings = context.Store.Under(vnet.Id, SubnetLayout.SubnetType)
            .Where(s => !s.Id.Equals(context.Id, StringComparison.OrdinalIgnoreCase))
            .Select(s => SubnetLayout.Describe(s.Id, s.Body));
        SubnetLayout.Validate(vnet.Id, vnet.Name, SubnetLayout.AddressSpaceOf(vnet.Body),
            [.. siblings, SubnetLayout.Describe(context.Id, context.Request)]);
    }

    public override void ValidateDelete(StoredResource resource, ResourceStore store) => SubnetLayout.RequireUnused(resource, store);

    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        var properties = Properties(body);
        properties["privateEndpointNetworkPolicies"] ??= "Disabled";
        properties["privateLinkServiceNetworkPolicies"] ??= "Enabled";
        return body;
    }
}

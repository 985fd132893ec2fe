using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// A subnet, whether PUT on its own or embedded in its VNet's PUT. Private endpoint network policies take any of the
/// four values of Microsoft.Network 2024-05-01 and default to Disabled: azure-rest-api-specs,
/// specification/network/resource-manager/Microsoft.Network/stable/2024-05-01/virtualNetwork.json, SubnetPropertiesFormat
/// (enum VirtualNetworkPrivateEndpointNetworkPolicies, "default": "Disabled"), and "By default, network policies are
/// disabled for a subnet in a virtual network" (MicrosoftDocs/azure-docs,
/// articles/private-link/disable-private-endpoint-network-policy.md).
/// </summary>
internal sealed class SubnetProvider() : NetworkProvider(hasResourceGuid: false)
{
    /// <summary>The spec's enum, in its spelling.</summary>
    private static readonly string[] EndpointPolicyValues = ["Enabled", "Disabled", "NetworkSecurityGroupEnabled", "RouteTableEnabled"];

    /// <summary>
    /// Refuses a privateEndpointNetworkPolicies outside the spec's enum (spelled otherwise, or not a string), so a client
    /// that gets it wrong learns here and not in Azure. The code and wording are our reading of Network's answer to a
    /// body it cannot parse.
    /// </summary>
    public static void RequireKnownEndpointPolicies(string subnetId, JsonObject subnetBody)
    {
        if (subnetBody["properties"] is not JsonObject properties
            || !properties.TryGetPropertyValue("privateEndpointNetworkPolicies", out var value) || value is null)
        {
            return;
        }

        var text = JsonMerge.String(properties, "privateEndpointNetworkPolicies");
        if (text is null || !EndpointPolicyValues.Contains(text, StringComparer.Ordinal))
        {
            throw NetworkErrors.InvalidPrivateEndpointNetworkPolicies(subnetId, text ?? value.ToJsonString(), EndpointPolicyValues);
        }
    }

    /// <summary>A subnet PUT alone obeys the same layout rules as its VNet's PUT, against the VNet and its siblings.</summary>
    public override void Validate(WriteContext context)
    {
        RequireKnownEndpointPolicies(context.Id, context.Request);
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
        properties["privateEndpointNetworkPolicies"] ??= "Disabled"; // the spec's default (see above)
        properties["privateLinkServiceNetworkPolicies"] ??= "Enabled";
        return body;
    }
}

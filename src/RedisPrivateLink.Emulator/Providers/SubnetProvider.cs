using System.Text.Json.Nodes;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>A subnet, whether PUT on its own or embedded in its VNet's PUT.</summary>
internal sealed class SubnetProvider() : NetworkProvider(hasResourceGuid: false)
{
    public override JsonObject Build(WriteContext context)
    {
        var body = base.Build(context);
        var properties = Properties(body);
        properties["privateEndpointNetworkPolicies"] ??= "Disabled";
        properties["privateLinkServiceNetworkPolicies"] ??= "Enabled";
        return body;
    }
}

using System.Linq;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>The keys of the workflows' plan steps; tests and dependencies name steps by them.</summary>
public static class StepKeys
{
    public const string ResourceGroup = "resource-group";
    public const string EndpointResourceGroup = "endpoint-resource-group";
    public const string Network = "network";
    public const string PrivateDnsZone = "private-dns-zone";
    public const string ZoneLink = "private-dns-zone-link";
    public const string Cache = "cache";
    public const string PrivateEndpoint = "private-endpoint";
    public const string DnsZoneGroup = "dns-zone-group";

    /// <summary>The step that registers a resource provider namespace, for example "resource-provider-Microsoft.Cache".</summary>
    public static string ResourceProvider(string providerNamespace) => "resource-provider-" + providerNamespace;

    /// <summary>The keys whose condition holds, for a step's dependencies on steps a plan may or may not have.</summary>
    internal static string[] Selected(params (bool Included, string Key)[] candidates) =>
        candidates.Where(c => c.Included).Select(c => c.Key).ToArray();
}

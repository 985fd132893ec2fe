using System;
using System.Linq;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Tests.Arm;

/// <summary>Which model reads the body an ARM path answers, decided from the path the way the gateway's callers do.</summary>
internal static class WireModels
{
    /// <summary>The model type for <paramref name="path"/>, or null when that path answers no resource body (operationResults).</summary>
    public static Type? ForPath(string path)
    {
        var segments = path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s.Equals("asyncOperations", StringComparison.OrdinalIgnoreCase)
            || s.Equals("operations", StringComparison.OrdinalIgnoreCase)
            || s.Equals("privateDnsOperationStatuses", StringComparison.OrdinalIgnoreCase)))
        {
            return typeof(AsyncOperationStatus);
        }

        if (segments.Any(s => s.EndsWith("operationResults", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        // An odd number of segments after "subscriptions" ends in a name (an item); an even number in a type (a list).
        var typeSegment = segments.Length % 2 == 0 ? segments[segments.Length - 2] : segments[segments.Length - 1];
        return ForTypeName(typeSegment);
    }

    public static Type ForExample(string relativeFile) => System.IO.Path.GetFileNameWithoutExtension(relativeFile) switch
    {
        "RedisCacheAsyncOperationStatus" => typeof(AsyncOperationStatus),
        var n when n.Contains("PrivateEndpointConnection") => typeof(PrivateEndpointConnection),
        "RedisCacheListPrivateLinkResources" => typeof(PrivateLinkResource),
        var n when n.StartsWith("RedisCache", StringComparison.Ordinal) => typeof(RedisCache),
        "PrivateEndpointDnsZoneGroupCreate" => typeof(PrivateDnsZoneGroup),
        var n when n.StartsWith("PrivateEndpoint", StringComparison.Ordinal) => typeof(PrivateEndpoint),
        "SubnetCreate" => typeof(Subnet),
        var n when n.StartsWith("VirtualNetworkCreate", StringComparison.Ordinal) => typeof(VirtualNetwork),
        "VirtualNetworkLinkPut" => typeof(VirtualNetworkLink),
        var n when n.StartsWith("PrivateZone", StringComparison.Ordinal) => typeof(PrivateDnsZone),
        "RecordSetAPut" => typeof(ARecordSet),
        "CreateResourceGroup" => typeof(ResourceGroup),
        var n => throw new InvalidOperationException($"No model is mapped for example {n}; add it here."),
    };

    private static Type? ForTypeName(string type) => type.ToLowerInvariant() switch
    {
        "subscriptions" => typeof(Subscription),
        "resourcegroups" => typeof(ResourceGroup),
        "redis" => typeof(RedisCache),
        "privateendpointconnections" => typeof(PrivateEndpointConnection),
        "privatelinkresources" => typeof(PrivateLinkResource),
        "virtualnetworks" => typeof(VirtualNetwork),
        "subnets" => typeof(Subnet),
        "privateendpoints" => typeof(PrivateEndpoint),
        "privatednszonegroups" => typeof(PrivateDnsZoneGroup),
        "privatednszones" => typeof(PrivateDnsZone),
        "virtualnetworklinks" => typeof(VirtualNetworkLink),
        "a" => typeof(ARecordSet),
        "storageaccounts" => typeof(StorageAccount),
        _ => throw new InvalidOperationException($"No model is mapped for the ARM type segment '{type}'; add it here."),
    };
}

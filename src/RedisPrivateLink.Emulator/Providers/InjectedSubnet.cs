using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// A subnet a Premium cache is injected into. Azure requires it to hold nothing but caches, so private endpoints and
/// network interfaces are kept out of it and a cache is not injected where they are. Each injected cache has a static
/// IP of the subnet, the lowest free one after Azure's reserved addresses unless the create names one.
/// </summary>
internal static class InjectedSubnet
{
    /// <summary>Azure keeps the first four addresses of every subnet and the last one.</summary>
    private const int ReservedAtStart = 4;

    public static string? SubnetIdOf(JsonObject cacheBody) => JsonMerge.String(cacheBody["properties"], "subnetId");

    /// <summary>The caches injected into the subnet, other than the one being written.</summary>
    public static IEnumerable<StoredResource> Caches(string subnetId, ResourceStore store, string? exceptId = null) =>
        store.Resources
            .Where(r => r.TypeKey.Equals(PrivateEndpointNetwork.RedisType, StringComparison.OrdinalIgnoreCase)
                        && subnetId.Equals(SubnetIdOf(r.Body), StringComparison.OrdinalIgnoreCase)
                        && !r.Id.Equals(exceptId, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Sequence);

    /// <summary>The first thing in the subnet that is not a cache: a private endpoint or a network interface.</summary>
    public static string? FirstNonCache(string subnetId, ResourceStore store) =>
        store.Resources
            .Where(r => (r.TypeKey.Equals(PrivateEndpointNetwork.EndpointType, StringComparison.OrdinalIgnoreCase)
                         && subnetId.Equals(JsonMerge.String(r.Body["properties"]?["subnet"], "id"), StringComparison.OrdinalIgnoreCase))
                        || (r.TypeKey.Equals(PrivateEndpointNetwork.NetworkInterfaceType, StringComparison.OrdinalIgnoreCase)
                            && NetworkInterfaceSubnets(r.Body).Contains(subnetId, StringComparer.OrdinalIgnoreCase)))
            .OrderBy(r => r.Sequence)
            .Select(r => r.Id)
            .FirstOrDefault();

    public static IEnumerable<string> NetworkInterfaceSubnets(JsonObject networkInterfaceBody) =>
        (networkInterfaceBody["properties"]?["ipConfigurations"] as JsonArray ?? [])
        .Select(c => JsonMerge.String(c?["properties"]?["subnet"], "id"))
        .OfType<string>();

    /// <summary>Refuses to put a non-cache into a subnet that holds an injected cache.</summary>
    public static void RequireNoCache(string subnetId, string resourceId, ResourceStore store)
    {
        if (Caches(subnetId, store).FirstOrDefault() is { } cache)
        {
            throw NetworkErrors.SubnetHoldsInjectedCache(subnetId, resourceId, cache.Id);
        }
    }

    /// <summary>A requested static IP must be a usable address of the subnet that no other cache holds.</summary>
    public static bool IsFree(string address, StoredResource subnet, ResourceStore store, string cacheId)
    {
        var prefix = PrefixOf(subnet);
        var offset = prefix.OffsetOf(address);
        return offset >= ReservedAtStart && offset < prefix.Size - 1 && !UsedOffsets(subnet, prefix, store, cacheId).Contains(offset);
    }

    /// <summary>The lowest address after the reserved ones that no other cache in the subnet holds.</summary>
    public static string NextFree(StoredResource subnet, ResourceStore store, string cacheId)
    {
        var prefix = PrefixOf(subnet);
        var used = UsedOffsets(subnet, prefix, store, cacheId);
        var offset = (UInt128)ReservedAtStart;
        while (used.Contains(offset))
        {
            offset++;
        }

        return prefix.AddressAt(offset);
    }

    private static HashSet<UInt128> UsedOffsets(StoredResource subnet, AddressPrefix prefix, ResourceStore store, string cacheId) =>
        Caches(subnet.Id, store, cacheId)
            .Select(c => JsonMerge.String(c.Body["properties"], "staticIP"))
            .OfType<string>()
            .Select(prefix.OffsetOf)
            .ToHashSet();

    private static AddressPrefix PrefixOf(StoredResource subnet) =>
        SubnetLayout.PrefixesOf(subnet.Body).Select(AddressPrefix.Parse).FirstOrDefault()
        ?? AddressPrefix.Parse("10.0.0.0/24")!.Value;
}

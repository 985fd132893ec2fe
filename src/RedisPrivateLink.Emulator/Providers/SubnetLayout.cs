using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;
using RedisPrivateLink.Emulator.Store;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// The address rules a VNet and its subnets obey, checked whether the subnets come inside a VNet PUT or one at a time:
/// prefixes are CIDRs without host bits, every subnet lies inside the VNet's address space, no two subnets overlap,
/// and a subnet something still uses is not taken away.
/// </summary>
internal static class SubnetLayout
{
    public const string SubnetType = "Microsoft.Network/virtualNetworks/subnets";

    /// <summary>One subnet as a write describes it.</summary>
    public sealed record Subnet(string Name, string Id, IReadOnlyList<string> Prefixes);

    public static Subnet Describe(string id, JsonObject body) => new(id[(id.LastIndexOf('/') + 1)..], id, PrefixesOf(body));

    /// <summary>A subnet carries addressPrefix, or addressPrefixes when it has several.</summary>
    public static IReadOnlyList<string> PrefixesOf(JsonObject subnetBody)
    {
        var properties = subnetBody["properties"];
        var several = (properties?["addressPrefixes"] as JsonArray ?? []).Select(p => p?.GetValue<string>()).OfType<string>().ToList();
        return JsonMerge.String(properties, "addressPrefix") is { } one ? [one, .. several] : several;
    }

    public static IReadOnlyList<string> AddressSpaceOf(JsonObject vnetBody) =>
        (vnetBody["properties"]?["addressSpace"]?["addressPrefixes"] as JsonArray ?? [])
        .Select(p => p?.GetValue<string>()).OfType<string>().ToList();

    /// <summary>Checks a whole VNet: its address space, then every subnet against it and against each other.</summary>
    public static void Validate(string vnetId, string vnetName, IReadOnlyList<string> addressSpace, IReadOnlyList<Subnet> subnets)
    {
        var space = addressSpace.Select(p => Require(p, vnetId)).ToList();
        var placed = new List<(Subnet Subnet, AddressPrefix Prefix)>();
        foreach (var subnet in subnets)
        {
            foreach (var prefix in subnet.Prefixes.Select(p => Require(p, subnet.Id)))
            {
                if (!space.Any(s => s.Contains(prefix)))
                {
                    throw NetworkErrors.SubnetRangeOutsideVnet(subnet.Name, vnetName);
                }

                if (placed.Any(p => p.Prefix.Overlaps(prefix)))
                {
                    throw NetworkErrors.SubnetRangesOverlap(subnet.Name, vnetName);
                }

                placed.Add((subnet, prefix));
            }
        }
    }

    /// <summary>
    /// What holds an address in the subnet: the IP configuration of each private endpoint's interface, and each cache
    /// injected into it.
    /// </summary>
    public static IEnumerable<string> Users(string subnetId, ResourceStore store) =>
        store.Resources
            .Where(r => r.TypeKey.Equals(PrivateEndpointNetwork.EndpointType, StringComparison.OrdinalIgnoreCase)
                        && string.Equals(JsonMerge.String(r.Body["properties"]?["subnet"], "id"), subnetId, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Sequence)
            .Select(r => $"{JsonMerge.String(r.Body["properties"]?["networkInterfaces"]?[0], "id")}/ipConfigurations/privateEndpointIpConfig")
            .Concat(InjectedSubnet.Caches(subnetId, store).Select(c => c.Id));

    public static void RequireUnused(StoredResource subnet, ResourceStore store)
    {
        if (Users(subnet.Id, store).FirstOrDefault() is { } user)
        {
            throw NetworkErrors.InUseSubnetCannotBeDeleted(subnet.Name, user);
        }
    }

    private static AddressPrefix Require(string text, string resourceId)
    {
        var prefix = AddressPrefix.Parse(text) ?? throw NetworkErrors.InvalidAddressPrefixFormat(text, resourceId);
        return prefix.HasHostBits ? throw NetworkErrors.InvalidCidrNotation(text, resourceId, prefix.Canonical) : prefix;
    }
}

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>Azure answers locations in two spellings: "eastus" (ARM, network) and "East US" (Microsoft.Cache).</summary>
internal static class Regions
{
    private static readonly Dictionary<string, string> DisplayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["eastus"] = "East US", ["eastus2"] = "East US 2", ["westus"] = "West US", ["westus2"] = "West US 2",
        ["westus3"] = "West US 3", ["centralus"] = "Central US", ["northcentralus"] = "North Central US",
        ["southcentralus"] = "South Central US", ["westcentralus"] = "West Central US", ["canadacentral"] = "Canada Central",
        ["northeurope"] = "North Europe", ["westeurope"] = "West Europe", ["uksouth"] = "UK South", ["ukwest"] = "UK West",
        ["francecentral"] = "France Central", ["germanywestcentral"] = "Germany West Central",
        ["swedencentral"] = "Sweden Central", ["switzerlandnorth"] = "Switzerland North", ["norwayeast"] = "Norway East",
        ["eastasia"] = "East Asia", ["southeastasia"] = "Southeast Asia", ["japaneast"] = "Japan East",
        ["japanwest"] = "Japan West", ["australiaeast"] = "Australia East", ["centralindia"] = "Central India",
        ["koreacentral"] = "Korea Central", ["brazilsouth"] = "Brazil South", ["southafricanorth"] = "South Africa North",
        ["uaenorth"] = "UAE North", ["usgovvirginia"] = "USGov Virginia", ["usgovarizona"] = "USGov Arizona",
        ["usgovtexas"] = "USGov Texas", ["chinanorth3"] = "China North 3", ["chinaeast2"] = "China East 2",
    };

    /// <summary>
    /// The regions above without availability zones, from Microsoft's list of regions with zone support
    /// (learn.microsoft.com/azure/reliability/availability-zones-service-support), and Central US EUAP, where a Managed
    /// Redis cluster came out locally redundant (shared/recordings/additional/azure-cli-extensions_test_redisenterprise_access_string).
    /// </summary>
    private static readonly HashSet<string> WithoutZones = new(StringComparer.OrdinalIgnoreCase)
    {
        "westus", "northcentralus", "westcentralus", "ukwest", "usgovarizona", "usgovtexas", "chinaeast2", "centraluseuap",
    };

    public static IEnumerable<string> Names => DisplayNames.Keys;

    public static bool HasAvailabilityZones(string location) => !WithoutZones.Contains(Normalize(location));

    /// <summary>"East US", "EastUS" and "eastus" all become "eastus".</summary>
    public static string Normalize(string location) => location.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();

    public static string DisplayName(string location) =>
        DisplayNames.TryGetValue(Normalize(location), out var display) ? display : location;
}

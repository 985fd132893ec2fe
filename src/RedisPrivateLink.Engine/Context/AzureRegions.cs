using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Context;

/// <summary>
/// The region names of each cloud, for -Location completion and for refusing a misspelt region before anything is
/// written (ARM would otherwise create the resource group first and refuse only a later resource).
/// </summary>
public static class AzureRegions
{
    private static readonly string[] Public =
    {
        "australiacentral", "australiaeast", "australiasoutheast", "austriaeast", "belgiumcentral", "brazilsouth",
        "canadacentral", "canadaeast", "centralindia", "centralus", "chilecentral", "eastasia", "eastus", "eastus2",
        "francecentral", "germanywestcentral", "indonesiacentral", "israelcentral", "italynorth", "japaneast",
        "japanwest", "koreacentral", "koreasouth", "malaysiawest", "mexicocentral", "newzealandnorth",
        "northcentralus", "northeurope", "norwayeast", "polandcentral", "qatarcentral", "southafricanorth",
        "southcentralus", "southeastasia", "southindia", "spaincentral", "swedencentral", "switzerlandnorth",
        "uaenorth", "uksouth", "ukwest", "westcentralus", "westeurope", "westindia", "westus", "westus2", "westus3",
    };

    private static readonly string[] Government =
    {
        "usdodcentral", "usdodeast", "usgovarizona", "usgovtexas", "usgovvirginia",
    };

    private static readonly string[] China =
    {
        "chinaeast", "chinaeast2", "chinaeast3", "chinanorth", "chinanorth2", "chinanorth3",
    };

    /// <summary>The regions of a context's cloud; null for a custom ARM endpoint other than the emulator (Azure Stack has its own).</summary>
    public static IReadOnlyList<string>? KnownFor(RedisPrivateLinkContext context) =>
        context.CloudEnvironment.IsCustomEndpoint && !context.IsEmulator ? null : For(context.Environment);

    /// <summary>The regions of the named cloud; the public cloud's for a custom endpoint such as the emulator.</summary>
    public static IReadOnlyList<string> For(string environmentName) => environmentName switch
    {
        "AzureUSGovernment" => Government,
        "AzureChinaCloud" => China,
        _ => Public,
    };
}

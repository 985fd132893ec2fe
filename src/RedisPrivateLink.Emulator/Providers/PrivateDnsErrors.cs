using System.Text.Json.Nodes;
using RedisPrivateLink.Emulator.Arm;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Private DNS refusals. Private DNS answers plain codes (BadRequest, Conflict); the label and missing-VNet messages are
/// the ones users have published, the others are our reading of the documented rules.
/// </summary>
internal static class PrivateDnsErrors
{
    public static ArmException NotEnoughLabels(string zone) => new(400, "BadRequest",
        $"The zone name '{zone}' does not have enough labels. Zone names must have two or more labels.");

    public static ArmException InvalidZoneName(string zone) => new(400, "BadRequest",
        $"The zone name '{zone}' is invalid. Each label must be 1 to 63 letters, digits, hyphens or underscores, and the name at most 253 characters.");

    public static ArmException VirtualNetworkNotFound(string vnetId) => new(400, "BadRequest",
        $"Virtual network resource not found for '{vnetId}'");

    public static ArmException VirtualNetworkAlreadyLinked(string vnetId, string zone, string link) => new(409, "Conflict",
        $"A virtual network cannot be linked to the same private DNS zone more than once: '{vnetId}' is already linked to '{zone}' by '{link}'.");

    /// <summary>The failed link operation's error, in the words quoted in Azure/ARO-RP#796 and MicrosoftDocs/azure-aks-docs#212.</summary>
    public static JsonObject OverlappingNamespaces(string zone) => new()
    {
        ["code"] = "BadRequest",
        ["message"] = $"A virtual network cannot be linked to multiple zones with overlapping namespaces. You tried to link virtual network with '{zone}' and '{zone}' zones.",
    };

    /// <summary>A value outside the 2024-06-01 enum; the code and words are our reading.</summary>
    public static ArmException InvalidResolutionPolicy(string policy) => new(400, "BadRequest",
        $"The resolution policy '{policy}' is invalid. Allowed values are Default and NxDomainRedirect.");

    public static ArmException ZoneHasLinks(string zone) => new(409, "Conflict",
        $"The private DNS zone '{zone}' cannot be deleted because it has virtual network links. Delete the virtual network links first.");
}

using RedisPrivateLink.Emulator.Arm;

namespace RedisPrivateLink.Emulator.Providers;

/// <summary>
/// Microsoft.Network's refusals, worded as Azure words them in the errors users have published (Terraform, azure-cli
/// and azure-docs issues quote them). Where no published answer was found the comment says the wording is our reading.
/// </summary>
internal static class NetworkErrors
{
    public static ArmException InvalidAddressPrefixFormat(string prefix, string resourceId) => new(400, "InvalidAddressPrefixFormat",
        $"Address prefix {prefix} of resource {resourceId} is not formatted correctly. It should follow CIDR notation, for example 10.0.0.0/24.");

    public static ArmException InvalidCidrNotation(string prefix, string resourceId, string canonical) => new(400, "InvalidCIDRNotation",
        $"The address prefix {prefix} in resource {resourceId} has an invalid CIDR notation. For the given prefix length, the address prefix should be {canonical}.");

    public static ArmException SubnetRangeOutsideVnet(string subnet, string vnet) => new(400, "NetcfgSubnetRangeOutsideVnet",
        $"Subnet '{subnet}' is not valid because its IP address range is outside the IP address range of virtual network '{vnet}'.");

    public static ArmException SubnetRangesOverlap(string subnet, string vnet) => new(400, "NetcfgSubnetRangesOverlap",
        $"Subnet '{subnet}' is not valid because its IP address range overlaps with that of an existing subnet in virtual network '{vnet}'.");

    public static ArmException InUseSubnetCannotBeDeleted(string subnet, string userId) => new(400, "InUseSubnetCannotBeDeleted",
        $"Subnet {subnet} is in use by {userId} and cannot be deleted. In order to delete the subnet, delete all the resources " +
        "within the subnet. See aka.ms/deletesubnet.");

    /// <summary>Our reading: Network's code for a request body it cannot parse, with a message that names the field and its values.</summary>
    public static ArmException InvalidPrivateEndpointNetworkPolicies(string subnetId, string value, IEnumerable<string> allowed) => new(400,
        "InvalidRequestFormat",
        $"Cannot parse the request. Value '{value}' of properties.privateEndpointNetworkPolicies of subnet {subnetId} is not valid; " +
        $"allowed values are {string.Join(", ", allowed)}.");

    /// <summary>What Network answers for a missing subnet and for one in another region alike.</summary>
    public static ArmException InvalidResourceReference(string referencedId, string referencingId) => new(400, "InvalidResourceReference",
        $"Resource {referencedId} referenced by resource {referencingId} was not found. Please make sure that the referenced resource " +
        "exists, and that both resources are in the same region.");

    public static ArmException SubnetIsFull(string subnet, string prefix) => new(400, "SubnetIsFull",
        $"Subnet {subnet} with address prefix {prefix} does not have enough capacity for 1 IP addresses.");

    /// <summary>Network relays the target provider's refusal as "Call to {type} failed" (seen for SignalR's groupId).</summary>
    public static ArmException InvalidGroupId(string targetType, string groupId, IEnumerable<string> offered) => new(400,
        "PrivateEndpointBadRequest",
        $"Call to {targetType} failed. Error message: Invalid groupId '{groupId}'. The supported group ids are: {string.Join(", ", offered)}.");

    /// <summary>Our reading: a target that does not exist is answered with ARM's not-found wording for that target.</summary>
    public static ArmException PrivateLinkTargetNotFound(string targetId) => new(404, "ResourceNotFound",
        $"The Resource '{targetId}' referenced by the private link service connection was not found. " +
        "For more details please go to https://aka.ms/ARMResourceNotFoundFix");

    /// <summary>
    /// Our reading: Azure documents that a VNet-injected cache cannot also have private endpoints; no published answer
    /// gives the exact code, so this one names the rule.
    /// </summary>
    public static ArmException VNetInjectedCache(string cacheId) => new(400, "PrivateEndpointNotSupportedForVNetInjectedCache",
        $"Call to Microsoft.Cache/Redis failed. Error message: Private endpoint is not supported for cache {cacheId} because it " +
        "is injected into a virtual network.");

    /// <summary>The message is Azure's (quoted in pulumi/pulumi-azure-native#2179); the code is our reading.</summary>
    public static ArmException MoreThanOneZoneGroup(string endpointName) => new(400, "PrivateDnsZoneGroupLimitExceeded",
        $"Cannot create more than one private dns zone groups in the private endpoint {endpointName}.");

    /// <summary>
    /// Our reading: Azure requires a cache's injected subnet to hold only caches; no published answer gives the code
    /// Network uses when something else is put there, so this one names the rule.
    /// </summary>
    public static ArmException SubnetHoldsInjectedCache(string subnetId, string resourceId, string cacheId) => new(400,
        "SubnetHoldsInjectedRedisCache",
        $"Resource {resourceId} cannot use subnet {subnetId} because the Azure Cache for Redis {cacheId} is injected into it. " +
        "A subnet that holds a VNet-injected cache may hold only caches.");
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>Checks a subnet the module would create against the virtual network it goes into.</summary>
public static class AddressSpaceRules
{
    /// <summary>Azure's smallest IPv4 subnet: /29, eight addresses of which Azure reserves five.</summary>
    public const int MaxIPv4SubnetPrefixLength = 29;

    /// <summary>
    /// Refuses a subnet that is too small for Azure, lies outside the virtual network's address space, or overlaps
    /// another subnet of that network. <paramref name="otherSubnets"/> excludes the subnet itself when it is being reused.
    /// </summary>
    public static void ValidateSubnet(
        Cidr subnet,
        IEnumerable<Cidr> vnetAddressSpace,
        IEnumerable<(string Name, Cidr Prefix)> otherSubnets,
        string parameterName = "SubnetAddressPrefix")
    {
        if (vnetAddressSpace is null)
        {
            throw new ArgumentNullException(nameof(vnetAddressSpace));
        }

        if (otherSubnets is null)
        {
            throw new ArgumentNullException(nameof(otherSubnets));
        }

        if (subnet.IsIPv4 && subnet.PrefixLength > MaxIPv4SubnetPrefixLength)
        {
            throw new ValidationException(ValidationErrorIds.SubnetTooSmall, parameterName,
                $"Subnet {subnet} is too small: Azure's smallest IPv4 subnet is /{MaxIPv4SubnetPrefixLength} (8 addresses, 5 of them reserved by Azure). Use a prefix length of /{MaxIPv4SubnetPrefixLength} or less.");
        }

        var addressSpace = vnetAddressSpace.ToList();
        if (!addressSpace.Any(space => space.Contains(subnet)))
        {
            var spaces = addressSpace.Count == 0 ? "(none)" : string.Join(", ", addressSpace);
            throw new ValidationException(ValidationErrorIds.SubnetOutsideAddressSpace, parameterName,
                $"Subnet {subnet} is not inside the virtual network's address space ({spaces}). Choose a prefix inside it, or add an address space to the virtual network that contains {subnet}.");
        }

        foreach (var (name, prefix) in otherSubnets)
        {
            if (prefix.Overlaps(subnet))
            {
                throw new ValidationException(ValidationErrorIds.SubnetOverlapsExistingSubnet, parameterName,
                    $"Subnet {subnet} overlaps the existing subnet '{name}' ({prefix}). Choose a prefix that no other subnet of the virtual network uses, or use subnet '{name}' itself.");
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Gives the endpoint its subnet: creates the virtual network with the subnet, or adds the subnet on its own (a child
/// PUT, because a VNet PUT replaces its whole subnet list), or turns off private endpoint network policies.
/// </summary>
internal static class NetworkStep
{
    public static PlanStep Create(IArmGateway arm, EndpointNetwork network, IEnumerable<string> dependsOn)
    {
        var (action, target, description) = Describe(network);
        return new PlanStep(StepKeys.Network, action, target, description, dependsOn, (_, ct) => EnsureAsync(arm, network, ct));
    }

    private static (string Action, string Target, string Description) Describe(EndpointNetwork network)
    {
        var where = $"in '{network.VirtualNetworkId.ResourceGroupName}'";
        return network.Action switch
        {
            SubnetAction.CreateNetwork => ("Create", network.VirtualNetworkId.ToString(),
                $"Create virtual network '{network.VirtualNetworkName}' ({string.Join(", ", network.AddressPrefixes)}) with subnet '{network.SubnetName}' ({network.SubnetPrefix}) {where}"),
            SubnetAction.AddSubnet => ("Create", network.SubnetId.ToString(),
                $"Add subnet '{network.SubnetName}' ({network.SubnetPrefix}) to virtual network '{network.VirtualNetworkName}' {where}"),
            SubnetAction.DisableNetworkPolicies => ("Update", network.SubnetId.ToString(),
                $"Set private endpoint network policies of subnet '{network.SubnetName}' in virtual network '{network.VirtualNetworkName}' to Disabled"),
            _ => ("Use", network.SubnetId.ToString(),
                $"Use subnet '{network.SubnetName}' of virtual network '{network.VirtualNetworkName}' {where}"),
        };
    }

    private static async Task<StepResult> EnsureAsync(IArmGateway arm, EndpointNetwork network, CancellationToken cancellationToken)
    {
        var existingNetwork = await arm.GetAsync<VirtualNetwork>(network.VirtualNetworkId, cancellationToken).ConfigureAwait(false);
        if (existingNetwork is null && network.AddressPrefixes.Count > 0 && network.SubnetPrefix is not null)
        {
            await arm.PutAsync(network.VirtualNetworkId, NewNetwork(network), cancellationToken: cancellationToken).ConfigureAwait(false);
            return StepResult.Created($"with subnet '{network.SubnetName}' ({network.SubnetPrefix}), private endpoint network policies Disabled");
        }

        var subnet = await arm.GetAsync<Subnet>(network.SubnetId, cancellationToken).ConfigureAwait(false);
        if (subnet is null && network.SubnetPrefix is not null)
        {
            await arm.PutAsync(network.SubnetId, NewSubnet(network.SubnetPrefix), cancellationToken: cancellationToken).ConfigureAwait(false);
            return StepResult.Created($"subnet '{network.SubnetName}' ({network.SubnetPrefix}) added with private endpoint network policies Disabled; the other subnets are untouched");
        }

        if (subnet is null)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.SubnetNotFound, RedisPrivateLinkErrorCategory.ObjectNotFound,
                $"Subnet '{network.SubnetName}' of virtual network '{network.VirtualNetworkName}' no longer exists. Give an existing subnet and run the command again.",
                network.SubnetId.ToString());
        }

        if (string.Equals(subnet.Properties?.PrivateEndpointNetworkPolicies, EndpointNetworkResolver.NetworkPoliciesEnabled, StringComparison.OrdinalIgnoreCase))
        {
            // Read-modify-write of the subnet alone keeps everything else on it (NSG, route table, delegations).
            subnet.Properties!.PrivateEndpointNetworkPolicies = EndpointNetworkResolver.NetworkPoliciesDisabled;
            subnet.Properties.ProvisioningState = null;
            await arm.PutAsync(network.SubnetId, subnet, cancellationToken: cancellationToken).ConfigureAwait(false);
            return StepResult.Updated($"private endpoint network policies of subnet '{network.SubnetName}' set to Disabled");
        }

        return StepResult.Reused(SubnetDifferences(subnet, network));
    }

    private static string? SubnetDifferences(Subnet subnet, EndpointNetwork network)
    {
        var prefixes = EndpointNetworkResolver.PrefixesOf(subnet).ToList();
        return network.SubnetPrefix is null || prefixes.Contains(network.SubnetPrefix, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"its prefix is {string.Join(", ", prefixes)}, not {network.SubnetPrefix}; left as it is";
    }

    private static VirtualNetwork NewNetwork(EndpointNetwork network) => new()
    {
        Location = network.Location,
        Tags = network.Tags,
        Properties = new VirtualNetworkProperties
        {
            AddressSpace = new AddressSpace { AddressPrefixes = network.AddressPrefixes.ToList() },
            Subnets = new List<Subnet> { new() { Name = network.SubnetName, Properties = NewSubnet(network.SubnetPrefix!).Properties } },
        },
    };

    private static Subnet NewSubnet(string prefix) => new()
    {
        Properties = new SubnetProperties
        {
            AddressPrefix = prefix,
            PrivateEndpointNetworkPolicies = EndpointNetworkResolver.NetworkPoliciesDisabled,
        },
    };
}

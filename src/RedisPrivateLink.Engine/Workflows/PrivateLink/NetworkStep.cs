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
/// PUT, because a VNet PUT replaces its whole subnet list), or sends a Failed network or subnet again. An existing
/// subnet's private endpoint network policies are never changed: endpoints work with every value since 2022, and the
/// policies are how its NSG and route table apply to the endpoints already there.
/// </summary>
internal static class NetworkStep
{
    public static PlanStep Create(IArmGateway arm, EndpointNetwork network, IEnumerable<string> dependsOn)
    {
        var (action, target, description) = Describe(network);
        return new PlanStep(StepKeys.Network, action, target, description, dependsOn, (_, ct) => EnsureAsync(arm, network, ct))
            .Requires(action == StepVerbs.Use ? new ArmPermission[0] : new[] { ArmPermission.Write(ResourceId.Parse(target)) });
    }

    private static (string Action, string Target, string Description) Describe(EndpointNetwork network)
    {
        var where = $"in '{network.VirtualNetworkId.ResourceGroupName}'";
        if (network.FailedResourceId is { } failed)
        {
            var what = failed == network.VirtualNetworkId
                ? $"virtual network '{network.VirtualNetworkName}' {where} (keeping its subnets)"
                : $"subnet '{network.SubnetName}' of virtual network '{network.VirtualNetworkName}' {where}";
            return (StepVerbs.Update, failed.ToString(), StepVerbs.Resend(what, network.FailedState!));
        }

        return network.Action switch
        {
            SubnetAction.CreateNetwork => (StepVerbs.Create, network.VirtualNetworkId.ToString(),
                $"Create virtual network '{network.VirtualNetworkName}' ({string.Join(", ", network.AddressPrefixes)}) with subnet '{network.SubnetName}' ({network.SubnetPrefix}, {PoliciesText(network)}) {where}"),
            SubnetAction.AddSubnet => (StepVerbs.Create, network.SubnetId.ToString(),
                $"Add subnet '{network.SubnetName}' ({network.SubnetPrefix}, {PoliciesText(network)}) to virtual network '{network.VirtualNetworkName}' {where}"),
            _ => (StepVerbs.Use, network.SubnetId.ToString(),
                $"Use subnet '{network.SubnetName}' of virtual network '{network.VirtualNetworkName}' {where}"),
        };
    }

    private static async Task<StepResult> EnsureAsync(IArmGateway arm, EndpointNetwork network, CancellationToken cancellationToken)
    {
        var existingNetwork = await arm.GetAsync<VirtualNetwork>(network.VirtualNetworkId, cancellationToken).ConfigureAwait(false);
        if (existingNetwork is null && network.AddressPrefixes.Count > 0 && network.SubnetPrefix is not null)
        {
            await arm.PutAsync(network.VirtualNetworkId, NewNetwork(network), cancellationToken: cancellationToken).ConfigureAwait(false);
            return StepResult.Created($"with subnet '{network.SubnetName}' ({network.SubnetPrefix}, {PoliciesText(network)})");
        }

        if (existingNetwork is not null && FailedProvisioning.IsFailed(existingNetwork.Properties?.ProvisioningState))
        {
            return await ResendNetworkAsync(arm, network, existingNetwork, cancellationToken).ConfigureAwait(false);
        }

        var subnet = await arm.GetAsync<Subnet>(network.SubnetId, cancellationToken).ConfigureAwait(false);
        if (subnet is not null && FailedProvisioning.IsFailed(subnet.Properties?.ProvisioningState))
        {
            // A subnet PUT alone, read-modify-write, so its siblings and its own settings (NSG, route table, private
            // endpoint network policies) stay as they are.
            var state = subnet.Properties!.ProvisioningState;
            await arm.PutAsync(network.SubnetId, Resendable(subnet), cancellationToken: cancellationToken).ConfigureAwait(false);
            return StepResult.Updated(FailedProvisioning.Resent(state, $"subnet '{network.SubnetName}' as it was"));
        }

        if (subnet is null && network.SubnetPrefix is not null)
        {
            await arm.PutAsync(network.SubnetId, NewSubnet(network), cancellationToken: cancellationToken).ConfigureAwait(false);
            return StepResult.Created($"subnet '{network.SubnetName}' ({network.SubnetPrefix}, {PoliciesText(network)}) added; the other subnets are untouched");
        }

        if (subnet is null)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.SubnetNotFound, RedisPrivateLinkErrorCategory.ObjectNotFound,
                $"Subnet '{network.SubnetName}' of virtual network '{network.VirtualNetworkName}' no longer exists. Give an existing subnet and run the command again.",
                network.SubnetId.ToString());
        }

        return StepResult.Reused(SubnetDifferences(subnet, network));
    }

    /// <summary>
    /// A virtual network left Failed: a subnet PUT would not clear the network's own state, so the network is sent again,
    /// read-modify-write with every subnet it has (a VNet PUT replaces its subnet list), the endpoint's subnet added when
    /// the failed write never got it in; the subnets it has keep their settings, private endpoint network policies included.
    /// </summary>
    private static async Task<StepResult> ResendNetworkAsync(IArmGateway arm, EndpointNetwork network, VirtualNetwork existing, CancellationToken cancellationToken)
    {
        var state = existing.Properties!.ProvisioningState;
        var properties = existing.Properties;
        properties.ProvisioningState = null;
        if (properties.AddressSpace?.AddressPrefixes is not { Count: > 0 } && network.AddressPrefixes.Count > 0)
        {
            properties.AddressSpace = new AddressSpace { AddressPrefixes = network.AddressPrefixes.ToList() };
        }

        var subnets = (properties.Subnets ?? new List<Subnet>()).Select(Resendable).ToList();
        var ours = subnets.FirstOrDefault(s => string.Equals(s.Name, network.SubnetName, StringComparison.OrdinalIgnoreCase));
        var detail = $"subnet '{network.SubnetName}' as it was";
        if (ours is null)
        {
            if (network.SubnetPrefix is null)
            {
                throw new RedisPrivateLinkException(WorkflowErrorIds.SubnetNotFound, RedisPrivateLinkErrorCategory.ObjectNotFound,
                    $"Subnet '{network.SubnetName}' of virtual network '{network.VirtualNetworkName}' no longer exists. Give an existing subnet, or -SubnetPrefix to create it, and run the command again.",
                    network.SubnetId.ToString());
            }

            subnets.Add(new Subnet { Name = network.SubnetName, Properties = NewSubnet(network).Properties });
            detail = $"subnet '{network.SubnetName}' ({network.SubnetPrefix}, {PoliciesText(network)}) added";
        }

        properties.Subnets = subnets;
        var others = subnets.Count - 1;
        existing.Etag = null;
        await arm.PutAsync(network.VirtualNetworkId, existing, cancellationToken: cancellationToken).ConfigureAwait(false);
        return StepResult.Updated(FailedProvisioning.Resent(state, others == 0 ? detail : $"{detail}; its {others} other subnet(s) kept as they are"));
    }

    /// <summary>A subnet as read, made ready to send back: read-only state dropped, everything else kept.</summary>
    private static Subnet Resendable(Subnet subnet)
    {
        subnet.Etag = null;
        if (subnet.Properties is { } properties)
        {
            properties.ProvisioningState = null;
            properties.PrivateEndpoints = null;
        }

        return subnet;
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
            Subnets = new List<Subnet> { new() { Name = network.SubnetName, Properties = NewSubnet(network).Properties } },
        },
    };

    /// <summary>
    /// A subnet the plan creates. Without -PrivateEndpointNetworkPolicy the property is not sent at all, so Azure's
    /// default applies (Disabled at api-version 2024-05-01) and follows Azure if that default changes.
    /// </summary>
    private static Subnet NewSubnet(EndpointNetwork network) => new()
    {
        Properties = new SubnetProperties
        {
            AddressPrefix = network.SubnetPrefix,
            PrivateEndpointNetworkPolicies = network.PrivateEndpointNetworkPolicy,
        },
    };

    private static string PoliciesText(EndpointNetwork network) =>
        network.PrivateEndpointNetworkPolicy is { } policy
            ? $"private endpoint network policies {policy}"
            : "Azure's default private endpoint network policies";
}

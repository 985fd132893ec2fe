using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Checks where a private endpoint is to go, with ARM reads only: the parameters form one of the two ways of naming a
/// subnet, the names and prefixes are valid, and a subnet to be added fits the existing virtual network.
/// </summary>
internal static class EndpointNetworkResolver
{
    /// <param name="subscriptionId">The subscription of a network named by -VirtualNetworkName; -SubnetId names its own.</param>
    /// <param name="reads">The gateway to read through (a fleet run's shared reads); null: the context's.</param>
    public static async Task<EndpointNetwork> ResolveAsync(RedisPrivateLinkContext context, string subscriptionId, NetworkRequest request, ICollection<string> notices, CancellationToken cancellationToken, IArmGateway? reads = null)
    {
        ValidateParameters(request);
        var arm = reads ?? context.GetArmGateway();
        return string.IsNullOrWhiteSpace(request.SubnetId)
            ? await ResolveNamedSubnetAsync(arm, subscriptionId, request, notices, cancellationToken).ConfigureAwait(false)
            : await ResolveExistingSubnetAsync(context, arm, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The checks that need no ARM state: one of the two ways of naming a subnet, valid names and prefixes.</summary>
    public static void ValidateParameters(NetworkRequest request)
    {
        if (!string.IsNullOrWhiteSpace(request.SubnetId))
        {
            if (request.NamedNetworkParametersGiven.Count > 0)
            {
                throw new ValidationException(WorkflowErrorIds.ConflictingNetworkParameters, "SubnetId",
                    $"-SubnetId names the subnet already, so {string.Join(", ", request.NamedNetworkParametersGiven.Select(p => "-" + p))} cannot be given with it. Give either -SubnetId, or -VirtualNetworkName and -SubnetName.");
            }

            ResourceIdRules.Parse(request.SubnetId, ResourceIdRules.SubnetType, "SubnetId");
            return;
        }

        if (string.IsNullOrWhiteSpace(request.VirtualNetworkName) || string.IsNullOrWhiteSpace(request.SubnetName))
        {
            var missing = string.IsNullOrWhiteSpace(request.VirtualNetworkName) ? "-VirtualNetworkName" : "-SubnetName";
            throw new ValidationException(WorkflowErrorIds.NetworkNotSpecified, missing.TrimStart('-'),
                $"The private endpoint needs a subnet, and {missing} is missing. Give -SubnetId of an existing subnet, or -VirtualNetworkName and -SubnetName (with -AddressPrefix and -SubnetPrefix to create them).");
        }

        NameRules.ValidateVirtualNetworkName(request.VirtualNetworkName);
        NameRules.ValidateSubnetName(request.SubnetName);
        NameRules.ValidateResourceGroupName(request.ResourceGroupName, "VirtualNetworkResourceGroupName");

        // Parsing refuses malformed prefixes; whether they fit is checked once the virtual network has been read.
        AddressSpaceOf(request);
        SubnetPrefixOf(request);
        SubnetPolicyRules.ParsePrivateEndpointNetworkPolicy(request.PrivateEndpointNetworkPolicy);
    }

    /// <summary>
    /// A subnet named by -SubnetId is the user's: it is used as it is, its private endpoint network policies included.
    /// It may be in any subscription the credential can see (a spoke's).
    /// </summary>
    private static async Task<EndpointNetwork> ResolveExistingSubnetAsync(RedisPrivateLinkContext context, IArmGateway arm, NetworkRequest request, CancellationToken cancellationToken)
    {
        var subnetId = ResourceIdRules.Parse(request.SubnetId, ResourceIdRules.SubnetType, "SubnetId").ToResourceId();
        await SubscriptionAccess.RequireVisibleAsync(context, subnetId, "SubnetId", cancellationToken).ConfigureAwait(false);
        // The virtual network carries its subnets whole, so one read gives both the subnet and the network's location.
        var network = await arm.GetAsync<VirtualNetwork>(subnetId.Parent!, cancellationToken).ConfigureAwait(false);
        var subnet = network?.Properties?.Subnets?.FirstOrDefault(s => string.Equals(s.Name, subnetId.Name, StringComparison.OrdinalIgnoreCase));
        if (subnet is null || network is null)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.SubnetNotFound, RedisPrivateLinkErrorCategory.ObjectNotFound,
                $"Subnet '{subnetId.Name}' of virtual network '{subnetId.Parent!.Name}' in resource group '{subnetId.ResourceGroupName}' of subscription {subnetId.SubscriptionId} does not exist. Give the id of an existing subnet (Get-AzVirtualNetwork | Select-Object -ExpandProperty Subnets), or -VirtualNetworkName and -SubnetName to create one.",
                subnetId.ToString());
        }

        return WithFailedState(new EndpointNetwork(subnetId, LocationRules.Normalize(network.Location, "VirtualNetworkLocation"), SubnetAction.UseAsIs, networkExists: true), network, subnet);
    }

    /// <summary>
    /// Marks a virtual network or subnet that an earlier write left Failed, so the plan gets a network step that sends
    /// it again even when nothing else about the subnet needs changing (its description says so, for -WhatIf).
    /// </summary>
    private static EndpointNetwork WithFailedState(EndpointNetwork endpointNetwork, VirtualNetwork network, Subnet? subnet)
    {
        var networkState = network.Properties?.ProvisioningState;
        var subnetState = subnet?.Properties?.ProvisioningState;
        if (FailedProvisioning.IsFailed(networkState))
        {
            endpointNetwork.FailedResourceId = endpointNetwork.VirtualNetworkId;
            endpointNetwork.FailedState = networkState;
        }
        else if (FailedProvisioning.IsFailed(subnetState))
        {
            endpointNetwork.FailedResourceId = endpointNetwork.SubnetId;
            endpointNetwork.FailedState = subnetState;
        }

        return endpointNetwork;
    }

    private static async Task<EndpointNetwork> ResolveNamedSubnetAsync(IArmGateway arm, string subscriptionId, NetworkRequest request, ICollection<string> notices, CancellationToken cancellationToken)
    {
        var addressSpace = AddressSpaceOf(request);
        var subnetPrefix = SubnetPrefixOf(request);
        var policy = SubnetPolicyRules.ParsePrivateEndpointNetworkPolicy(request.PrivateEndpointNetworkPolicy);

        var networkId = ResourceId.ForResource(subscriptionId, request.ResourceGroupName, ResourceIdRules.VirtualNetworkType, request.VirtualNetworkName!);
        var subnetId = networkId.Child("subnets", request.SubnetName!);
        var network = await arm.GetAsync<VirtualNetwork>(networkId, cancellationToken).ConfigureAwait(false);
        if (network is null)
        {
            if (addressSpace.Count == 0)
            {
                throw new ValidationException(WorkflowErrorIds.AddressPrefixRequired, "AddressPrefix",
                    $"Virtual network '{networkId.Name}' does not exist in resource group '{networkId.ResourceGroupName}', so it will be created, and that needs its address space. Give -AddressPrefix (for example 10.0.0.0/16), or name an existing virtual network.");
            }

            var prefix = RequireSubnetPrefix(subnetPrefix, subnetId);
            AddressSpaceRules.ValidateSubnet(prefix, addressSpace, Enumerable.Empty<(string, Cidr)>(), "SubnetPrefix");
            return new EndpointNetwork(subnetId, LocationRules.Normalize(request.NewNetworkLocation), SubnetAction.CreateNetwork, networkExists: false)
            {
                AddressPrefixes = addressSpace.Select(cidr => cidr.ToString()).ToList(),
                SubnetPrefix = prefix.ToString(),
                PrivateEndpointNetworkPolicy = policy,
                Tags = request.Tags,
            };
        }

        var existingSpace = ParseAll(network.Properties?.AddressSpace?.AddressPrefixes);
        if (addressSpace.Count > 0 && !addressSpace.All(existingSpace.Contains))
        {
            notices.Add($"Virtual network '{networkId.Name}' exists with address space {string.Join(", ", existingSpace)}; it is reused as it is, and -AddressPrefix {string.Join(", ", addressSpace)} is not applied.");
        }

        var location = LocationRules.Normalize(network.Location, "VirtualNetworkLocation");
        var subnets = network.Properties?.Subnets ?? new List<Subnet>();
        var subnet = subnets.FirstOrDefault(s => string.Equals(s.Name, subnetId.Name, StringComparison.OrdinalIgnoreCase));
        if (subnet is null)
        {
            var prefix = RequireSubnetPrefix(subnetPrefix, subnetId);
            var others = subnets.SelectMany(s => ParseAll(PrefixesOf(s)).Select(cidr => (s.Name ?? string.Empty, cidr)));
            AddressSpaceRules.ValidateSubnet(prefix, existingSpace, others, "SubnetPrefix");
            return WithFailedState(new EndpointNetwork(subnetId, location, SubnetAction.AddSubnet, networkExists: true) { SubnetPrefix = prefix.ToString(), PrivateEndpointNetworkPolicy = policy }, network, null);
        }

        var current = ParseAll(PrefixesOf(subnet));
        if (subnetPrefix is { } asked && !current.Contains(asked))
        {
            notices.Add($"Subnet '{subnetId.Name}' of virtual network '{networkId.Name}' exists with prefix {string.Join(", ", current)}; it is reused as it is, and -SubnetPrefix {asked} is not applied.");
        }

        NoticePoliciesNotApplied(subnet, subnetId, policy, notices);
        return WithFailedState(new EndpointNetwork(subnetId, location, SubnetAction.UseAsIs, networkExists: true), network, subnet);
    }

    /// <summary>
    /// An existing subnet keeps its private endpoint network policies whatever they are: endpoints work with every value,
    /// and turning them off would stop the NSG and route table of every endpoint already there. A different value asked
    /// for is said, not applied.
    /// </summary>
    private static void NoticePoliciesNotApplied(Subnet subnet, ResourceId subnetId, string? asked, ICollection<string> notices)
    {
        var current = subnet.Properties?.PrivateEndpointNetworkPolicies;
        if (asked is not null && !string.Equals(current, asked, StringComparison.OrdinalIgnoreCase))
        {
            notices.Add($"Subnet '{subnetId.Name}' of virtual network '{subnetId.Parent!.Name}' exists with private endpoint network policies {current ?? "unset"}; it is reused as it is, and -PrivateEndpointNetworkPolicy {asked} is not applied.");
        }
    }

    private static List<Cidr> AddressSpaceOf(NetworkRequest request) =>
        (request.AddressPrefix ?? Array.Empty<string>()).Select(prefix => Cidr.Parse(prefix, "AddressPrefix")).ToList();

    private static Cidr? SubnetPrefixOf(NetworkRequest request) =>
        request.SubnetPrefix is null ? null : Cidr.Parse(request.SubnetPrefix, "SubnetPrefix");

    private static Cidr RequireSubnetPrefix(Cidr? prefix, ResourceId subnetId) =>
        prefix ?? throw new ValidationException(WorkflowErrorIds.SubnetPrefixRequired, "SubnetPrefix",
            $"Subnet '{subnetId.Name}' does not exist in virtual network '{subnetId.Parent!.Name}', so it will be created, and that needs its address range. Give -SubnetPrefix (for example 10.0.1.0/24), or name an existing subnet.");

    internal static IEnumerable<string> PrefixesOf(Subnet subnet)
    {
        var properties = subnet.Properties;
        var several = properties?.AddressPrefixes ?? new List<string>();
        return properties?.AddressPrefix is { } one ? new[] { one }.Concat(several) : several;
    }

    /// <summary>Prefixes Azure already holds; one that does not parse cannot collide with anything we check, so it is left out.</summary>
    private static List<Cidr> ParseAll(IEnumerable<string>? prefixes) =>
        (prefixes ?? Enumerable.Empty<string>())
            .Select(text => Cidr.TryParse(text, out var cidr) ? cidr : (Cidr?)null)
            .OfType<Cidr>()
            .ToList();
}

using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>The subnet a private endpoint goes into, validated against what ARM holds, and what must happen to it.</summary>
internal sealed class EndpointNetwork
{
    public EndpointNetwork(ResourceId subnetId, string location, SubnetAction action, bool networkExists)
    {
        SubnetId = subnetId;
        Location = location;
        Action = action;
        NetworkExists = networkExists;
    }

    public ResourceId SubnetId { get; }

    public ResourceId VirtualNetworkId => SubnetId.Parent!;

    public string VirtualNetworkName => VirtualNetworkId.Name;

    public string SubnetName => SubnetId.Name;

    /// <summary>The virtual network's region, which is also the private endpoint's.</summary>
    public string Location { get; }

    public SubnetAction Action { get; }

    /// <summary>False when the plan creates the virtual network (and may have to create its resource group).</summary>
    public bool NetworkExists { get; }

    /// <summary>The address space of a virtual network the plan creates.</summary>
    public IReadOnlyList<string> AddressPrefixes { get; set; } = new List<string>();

    /// <summary>The prefix of a subnet the plan creates.</summary>
    public string? SubnetPrefix { get; set; }

    /// <summary>The private endpoint network policies of a subnet the plan creates; null leaves them to Azure's default.</summary>
    public string? PrivateEndpointNetworkPolicy { get; set; }

    public IDictionary<string, string>? Tags { get; set; }

    /// <summary>
    /// The virtual network, or else the subnet, that validation found in a Failed provisioning state (an earlier write
    /// did not complete); null when neither is. The network step sends it again, whatever <see cref="Action"/> says.
    /// </summary>
    public ResourceId? FailedResourceId { get; set; }

    /// <summary>The provisioning state of <see cref="FailedResourceId"/>.</summary>
    public string? FailedState { get; set; }

    /// <summary>True when the plan needs a network step to send a Failed virtual network or subnet again.</summary>
    public bool NeedsResend => FailedResourceId is not null;
}

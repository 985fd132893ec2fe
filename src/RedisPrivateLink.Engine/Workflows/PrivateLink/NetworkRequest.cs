using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>Where a private endpoint goes, as New- and Add- both take it: an existing subnet, or a VNet and subnet by name.</summary>
internal sealed class NetworkRequest
{
    public string? SubnetId { get; set; }

    public string? VirtualNetworkName { get; set; }

    /// <summary>The resource group of the named virtual network.</summary>
    public string ResourceGroupName { get; set; } = string.Empty;

    public string[]? AddressPrefix { get; set; }

    public string? SubnetName { get; set; }

    public string? SubnetPrefix { get; set; }

    /// <summary>The region of a virtual network the plan creates.</summary>
    public string NewNetworkLocation { get; set; } = string.Empty;

    public IDictionary<string, string>? Tags { get; set; }

    /// <summary>
    /// The private endpoint network policies of a subnet the plan creates; null sends none, so Azure's default applies.
    /// An existing subnet's are never changed.
    /// </summary>
    public string? PrivateEndpointNetworkPolicy { get; set; }

    /// <summary>Names of parameters besides -SubnetId that describe the network by name, for the conflict message.</summary>
    public IReadOnlyList<string> NamedNetworkParametersGiven { get; set; } = new List<string>();

    /// <summary>The network part of a New- or Add- request.</summary>
    /// <param name="resourceGroupName">The resource group of the named virtual network.</param>
    /// <param name="newNetworkLocation">The region of a virtual network the plan creates, when known before the cache is read.</param>
    /// <param name="virtualNetworkResourceGroupParameter">Add's -VirtualNetworkResourceGroupName, for the conflict message; null for New.</param>
    /// <param name="locationParameter">Add's -Location (the new network's region), for the conflict message; null for New, whose -Location is the cache's.</param>
    public static NetworkRequest For(IEndpointNetworkParameters parameters, string resourceGroupName, string newNetworkLocation, string? virtualNetworkResourceGroupParameter, string? locationParameter)
    {
        var named = new List<string>();
        AddIfGiven(named, "VirtualNetworkName", parameters.VirtualNetworkName);
        AddIfGiven(named, "VirtualNetworkResourceGroupName", virtualNetworkResourceGroupParameter);
        AddIfGiven(named, "AddressPrefix", parameters.AddressPrefix);
        AddIfGiven(named, "SubnetName", parameters.SubnetName);
        AddIfGiven(named, "SubnetPrefix", parameters.SubnetPrefix);
        AddIfGiven(named, "PrivateEndpointNetworkPolicy", parameters.PrivateEndpointNetworkPolicy);
        AddIfGiven(named, "Location", locationParameter);
        return new NetworkRequest
        {
            SubnetId = parameters.SubnetId,
            VirtualNetworkName = parameters.VirtualNetworkName,
            ResourceGroupName = resourceGroupName,
            AddressPrefix = parameters.AddressPrefix,
            SubnetName = parameters.SubnetName,
            SubnetPrefix = parameters.SubnetPrefix,
            PrivateEndpointNetworkPolicy = parameters.PrivateEndpointNetworkPolicy,
            NewNetworkLocation = newNetworkLocation,
            Tags = parameters.Tags,
            NamedNetworkParametersGiven = named,
        };
    }

    /// <summary>Records <paramref name="parameter"/> in <paramref name="named"/> when the user gave it a value.</summary>
    private static void AddIfGiven(List<string> named, string parameter, object? value)
    {
        if (value is string text ? !string.IsNullOrWhiteSpace(text) : value is string[] values ? values.Length > 0 : value is not null)
        {
            named.Add(parameter);
        }
    }
}

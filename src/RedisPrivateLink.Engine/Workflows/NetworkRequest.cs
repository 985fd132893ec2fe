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

    /// <summary>Records <paramref name="parameter"/> in <paramref name="named"/> when the user gave it a value.</summary>
    public static void AddIfGiven(List<string> named, string parameter, object? value)
    {
        if (value is string text ? !string.IsNullOrWhiteSpace(text) : value is string[] values ? values.Length > 0 : value is not null)
        {
            named.Add(parameter);
        }
    }
}

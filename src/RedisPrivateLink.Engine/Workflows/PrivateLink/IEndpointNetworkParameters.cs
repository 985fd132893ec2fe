using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>The parameters New- and Add- both take for the endpoint's network: an existing subnet, or a VNet and subnet by name.</summary>
internal interface IEndpointNetworkParameters
{
    string? SubnetId { get; }

    string? VirtualNetworkName { get; }

    string[]? AddressPrefix { get; }

    string? SubnetName { get; }

    string? SubnetPrefix { get; }

    string? PrivateEndpointNetworkPolicy { get; }

    IDictionary<string, string>? Tags { get; }
}

using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>The private endpoint a workflow asks for: where it goes, what it connects to and how it is approved.</summary>
internal sealed class EndpointDefinition
{
    public EndpointDefinition(ResourceId endpointId, ResourceId cacheId, EndpointNetwork network)
    {
        EndpointId = endpointId;
        CacheId = cacheId;
        Network = network;
    }

    public ResourceId EndpointId { get; }

    public ResourceId CacheId { get; }

    public EndpointNetwork Network { get; }

    /// <summary>Ask the cache's owner for approval (manualPrivateLinkServiceConnections) instead of connecting at once.</summary>
    public bool ManualApproval { get; set; }

    public string? RequestMessage { get; set; }

    public IDictionary<string, string>? Tags { get; set; }

    /// <summary>The private link group id of the cache: redisCache (classic) or redisEnterprise (Managed Redis).</summary>
    public string GroupId { get; set; } = CacheKind.Classic.DefaultGroupId;

    public PrivateEndpoint ToResource()
    {
        var connection = new PrivateLinkServiceConnection
        {
            // Azure names the connection after the endpoint when the portal creates one; so do we.
            Name = EndpointId.Name,
            Properties = new PrivateLinkServiceConnectionProperties
            {
                PrivateLinkServiceId = CacheId.ToString(),
                GroupIds = new List<string> { GroupId },
                RequestMessage = ManualApproval ? RequestMessage : null,
            },
        };
        var connections = new List<PrivateLinkServiceConnection> { connection };
        return new PrivateEndpoint
        {
            // An endpoint lives in its virtual network's region, which may differ from the cache's.
            Location = Network.Location,
            Tags = Tags,
            Properties = new PrivateEndpointProperties
            {
                Subnet = new SubResource(Network.SubnetId.ToString()),
                PrivateLinkServiceConnections = ManualApproval ? null : connections,
                ManualPrivateLinkServiceConnections = ManualApproval ? connections : null,
            },
        };
    }
}

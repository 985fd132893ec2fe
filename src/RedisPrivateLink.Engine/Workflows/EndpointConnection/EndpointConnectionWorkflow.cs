using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Approve- and Deny-RedisPrivateEndpointConnection: the cache owner's answer to a manually requested private endpoint
/// (one from another subscription or tenant). Validates with ARM reads only, then returns a plan of one PUT of the
/// connection's state on the cache, or an empty plan when the connection is already in that state.
/// </summary>
public static class EndpointConnectionWorkflow
{
    /// <summary>The key of the plan's one step.</summary>
    public const string StepKey = "private-endpoint-connection";

    /// <param name="cacheId">The cache's full ARM id.</param>
    /// <param name="connectionName">The connection's name on the cache (&lt;endpoint&gt;.&lt;guid&gt;).</param>
    /// <param name="approve">True approves the connection, false rejects it.</param>
    /// <param name="description">Why, recorded on the connection for the endpoint's owner to read.</param>
    public static async Task<PreparedWorkflow> PrepareAsync(RedisPrivateLinkContext context, string cacheId, string connectionName, bool approve, string? description, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        var id = CacheKind.ParseCacheId(cacheId, "CacheId", allowOtherSubscription: true);
        var status = approve ? ConnectionStatuses.Approved : ConnectionStatuses.Rejected;
        var arm = context.GetArmGateway();
        var cache = await ExistingCache.RequireAsync(arm, id, cancellationToken).ConfigureAwait(false);
        var connection = FindConnection(cache, id, connectionName);
        var plan = new Plan($"{(approve ? "Approving" : "Rejecting")} private endpoint connection '{connection.Name}' of cache '{id.Name}'");

        if (ConnectionStatuses.Is(connection, status))
        {
            OperationReporter.Current.Verbose($"Private endpoint connection '{connection.Name}' of cache '{id.Name}' is already {status}: nothing to change.");
            return new PreparedWorkflow(plan, id, Array.Empty<string>());
        }

        if (approve && ConnectionStatuses.Is(connection, ConnectionStatuses.Rejected))
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.ConnectionAlreadyRejected, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"Private endpoint connection '{connection.Name}' of cache '{id.Name}' was rejected, and Azure does not approve a rejected connection again. The endpoint's owner must delete the private endpoint and create it again; approve the new connection then.",
                id.ToString());
        }

        var connectionId = ResourceId.TryParse(connection.Id, out var parsed) ? parsed! : id.Child("privateEndpointConnections", connection.Name!);
        plan.Add(CreateStep(arm, id, connectionId, EndpointNameOf(connection), approve, status, description));
        return new PreparedWorkflow(plan, id, Array.Empty<string>());
    }

    /// <summary>The connection by name, from the list the cache embeds; names are compared as ARM does, ignoring case.</summary>
    private static PrivateEndpointConnection FindConnection(CacheState cache, ResourceId cacheId, string connectionName)
    {
        var connections = ConnectionStatuses.ConnectionsOf(cache);
        var connection = connections.FirstOrDefault(c => string.Equals(c.Name, connectionName, StringComparison.OrdinalIgnoreCase));
        if (connection is not null)
        {
            return connection;
        }

        var known = connections.Count == 0
            ? "It has no private endpoint connections."
            : $"Its connections are: {string.Join(", ", connections.Select(c => $"'{c.Name}' ({ConnectionStatuses.StatusOf(c) ?? "unknown"})"))}.";
        throw new RedisPrivateLinkException(WorkflowErrorIds.PrivateEndpointConnectionNotFound, RedisPrivateLinkErrorCategory.ObjectNotFound,
            $"Cache '{cacheId.Name}' has no private endpoint connection named '{connectionName}'. {known} Get-RedisPrivateEndpoint shows each endpoint's ConnectionName.",
            cacheId.ToString());
    }

    /// <summary>The name of the endpoint the connection comes from; null when the cache does not say.</summary>
    private static string? EndpointNameOf(PrivateEndpointConnection connection) =>
        ResourceId.TryParse(connection.Properties?.PrivateEndpoint?.Id, out var endpointId) ? endpointId!.Name : null;

    private static PlanStep CreateStep(IArmGateway arm, ResourceId cacheId, ResourceId connectionId, string? endpointName, bool approve, string status, string? description)
    {
        var from = endpointName is null ? string.Empty : $" from private endpoint '{endpointName}'";
        var stepDescription = $"{(approve ? "Approve" : "Reject")} connection '{connectionId.Name}'{from} to cache '{cacheId.Name}'";
        return new PlanStep(StepKey, approve ? "Approve" : "Reject", connectionId.ToString(), stepDescription, null, async (_, ct) =>
        {
            var state = new PrivateEndpointConnection
            {
                Properties = new PrivateEndpointConnectionProperties
                {
                    PrivateLinkServiceConnectionState = new PrivateLinkServiceConnectionState { Status = status, Description = description },
                },
            };
            var updated = await arm.PutAsync(connectionId, state, cancellationToken: ct).ConfigureAwait(false);
            return StepResult.Updated($"the connection is {ConnectionStatuses.StatusOf(updated) ?? status}");
        });
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// The approval states of a private endpoint connection as the cache records them; the cache side is authoritative,
/// and only an Approved connection carries traffic to the cache.
/// </summary>
internal static class ConnectionStatuses
{
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";

    public static string? StatusOf(PrivateEndpointConnection connection) =>
        connection.Properties?.PrivateLinkServiceConnectionState?.Status;

    public static bool IsApproved(PrivateEndpointConnection connection) => Is(connection, Approved);

    public static bool Is(PrivateEndpointConnection connection, string status) =>
        string.Equals(StatusOf(connection), status, StringComparison.OrdinalIgnoreCase);

    /// <summary>The connections the cache lists, embedded in its own body.</summary>
    public static IReadOnlyList<PrivateEndpointConnection> ConnectionsOf(CacheState cache) => cache.Connections;
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Diagnostics;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>
/// Caches and private endpoints of every subscription the credential can see (or those named), read through Azure
/// Resource Graph: one query for caches of both kinds, paged 1000 rows at a time with $skipToken, each page handed on
/// before the next is asked for, so memory stays flat whatever the fleet. Resource Graph's quota is honoured by the
/// gateway (<see cref="ResourceGraphQuotaPolicy"/>). Rows carry the resources' ARM bodies, so the output objects are
/// the ones ARM lists make. The endpoints a page of caches connects to are read with one more query per page (in
/// batches), for their IPs and subnets; DNS zone groups are not read, as in ARM lists.
/// </summary>
public sealed class ResourceGraphReader
{
    /// <summary>Resource Graph's largest page ($top).</summary>
    internal const int PageSize = 1000;

    /// <summary>Endpoint ids per query, keeping each query text short.</summary>
    internal const int EndpointBatchSize = 100;

    private const string QueryPath = "/providers/Microsoft.ResourceGraph/resources";

    private const string CacheQuery =
        "Resources | where type in~ ('microsoft.cache/redis', 'microsoft.cache/redisenterprise'){0} " +
        "| project id, name, type, location, tags, sku, zones, properties | order by id asc";

    private const string EndpointQuery =
        "Resources | where type =~ 'microsoft.network/privateendpoints'{0} | project id, name, type, location, properties | order by id asc";

    private readonly IArmGateway _arm;

    public ResourceGraphReader(IArmGateway arm) => _arm = arm ?? throw new ArgumentNullException(nameof(arm));

    /// <summary>
    /// Streams the caches of both kinds of <paramref name="subscriptionIds"/> (null: every subscription the credential
    /// can see), of one resource group when <paramref name="resourceGroupName"/> is given, picked by
    /// <paramref name="nameFilter"/>, in id order. Where Resource Graph is not there (<see cref="IsUnavailable"/>)
    /// and nothing was handed on yet, it warns and lists each subscription through ARM instead.
    /// </summary>
    public async Task ForEachCacheAsync(IReadOnlyCollection<string>? subscriptionIds, string? resourceGroupName, Func<string, bool>? nameFilter, Func<RedisPrivateCache, CancellationToken, Task> onCache, CancellationToken cancellationToken = default)
    {
        if (onCache is null)
        {
            throw new ArgumentNullException(nameof(onCache));
        }

        var handedOn = false;
        try
        {
            await QueryCachesAsync(subscriptionIds, resourceGroupName, nameFilter, (cache, token) =>
            {
                handedOn = true;
                return onCache(cache, token);
            }, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (ArmException e) when (IsUnavailable(e) && !handedOn)
        {
            WarnFallingBack(e);
        }

        foreach (var subscriptionId in await SubscriptionsAsync(subscriptionIds, cancellationToken).ConfigureAwait(false))
        {
            await new CacheReader(_arm, subscriptionId).ForEachCacheAsync(resourceGroupName, nameFilter, onCache, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task QueryCachesAsync(IReadOnlyCollection<string>? subscriptionIds, string? resourceGroupName, Func<string, bool>? nameFilter, Func<RedisPrivateCache, CancellationToken, Task> onCache, CancellationToken cancellationToken)
    {
        var query = string.Format(System.Globalization.CultureInfo.InvariantCulture, CacheQuery, ResourceGroupClause(resourceGroupName));
        await ForEachPageAsync(query, subscriptionIds, async (rows, token) =>
        {
            var caches = new List<CacheState>();
            foreach (var row in rows)
            {
                if (CacheKind.ForType(TypeOf(row)) is { } kind && kind.FromJson(row.GetRawText()) is var cache
                    && (nameFilter is null || nameFilter(cache.Id.Name)))
                {
                    caches.Add(cache);
                }
            }

            var endpoints = await ReadEndpointsAsync(caches.SelectMany(c => c.Connections).Select(CacheProjection.EndpointIdOf).OfType<ResourceId>(), token).ConfigureAwait(false);
            foreach (var cache in caches)
            {
                var cacheEndpoints = new List<RedisPrivateEndpoint>();
                foreach (var connection in cache.Connections)
                {
                    if (CacheProjection.EndpointIdOf(connection) is { } endpointId)
                    {
                        endpoints.TryGetValue(endpointId, out var snapshot);
                        cacheEndpoints.Add(CacheProjection.ToEndpoint(endpointId, cache.Id, connection, snapshot, null));
                    }
                }

                await onCache(cache.Kind.Project(cache, cacheEndpoints), token).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams the private endpoints that connect to Redis caches, of <paramref name="subscriptionIds"/> (null: every
    /// subscription the credential can see) or one resource group, picked by <paramref name="nameFilter"/>. The
    /// connection's state is the endpoint's own record of it (the cache's side is not read). Where Resource Graph is
    /// not there and nothing was handed on yet, it warns and lists each subscription through ARM instead.
    /// </summary>
    public async Task ForEachEndpointAsync(IReadOnlyCollection<string>? subscriptionIds, string? resourceGroupName, Func<string, bool>? nameFilter, Func<RedisPrivateEndpoint, CancellationToken, Task> onEndpoint, CancellationToken cancellationToken = default)
    {
        if (onEndpoint is null)
        {
            throw new ArgumentNullException(nameof(onEndpoint));
        }

        var handedOn = false;
        try
        {
            await QueryEndpointsAsync(subscriptionIds, resourceGroupName, nameFilter, (endpoint, token) =>
            {
                handedOn = true;
                return onEndpoint(endpoint, token);
            }, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (ArmException e) when (IsUnavailable(e) && !handedOn)
        {
            WarnFallingBack(e);
        }

        foreach (var subscriptionId in await SubscriptionsAsync(subscriptionIds, cancellationToken).ConfigureAwait(false))
        {
            await new CacheReader(_arm, subscriptionId).ForEachEndpointAsync(resourceGroupName, nameFilter, onEndpoint, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task QueryEndpointsAsync(IReadOnlyCollection<string>? subscriptionIds, string? resourceGroupName, Func<string, bool>? nameFilter, Func<RedisPrivateEndpoint, CancellationToken, Task> onEndpoint, CancellationToken cancellationToken)
    {
        // Only endpoints whose body names a cache: Kusto's contains reads the dynamic properties as text.
        var clause = ResourceGroupClause(resourceGroupName) + " and tostring(properties) contains 'microsoft.cache/redis'";
        var query = string.Format(System.Globalization.CultureInfo.InvariantCulture, EndpointQuery, clause);
        await ForEachPageAsync(query, subscriptionIds, async (rows, token) =>
        {
            foreach (var row in rows)
            {
                var endpoint = ArmJson.Deserialize<PrivateEndpoint>(row.GetRawText());
                if (endpoint?.Name is null || (nameFilter is not null && !nameFilter(endpoint.Name))
                    || EndpointSnapshot.From(endpoint) is not { CacheConnections.Count: > 0 } snapshot)
                {
                    continue;
                }

                foreach (var connection in snapshot.CacheConnections)
                {
                    await onEndpoint(CacheProjection.ToEndpoint(snapshot.Id, connection.CacheId, null, snapshot, null), token).ConfigureAwait(false);
                }
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Resource Graph is not there for this credential or cloud — not found (a cloud or proxy without it), forbidden,
    /// the api-version not offered, or unavailable after the gateway's retries — so per-subscription lists should stand
    /// in. A refused query (400 BadRequest) is not: that is ours to fix.
    /// </summary>
    public static bool IsUnavailable(ArmException exception) =>
        exception is not null
        && (exception.Status is 404 or 403 or 501 or 502 or 503 or 504
            || string.Equals(exception.Code, "NoRegisteredProviderFound", StringComparison.OrdinalIgnoreCase)
            || string.Equals(exception.Code, "InvalidApiVersionParameter", StringComparison.OrdinalIgnoreCase));

    private static void WarnFallingBack(ArmException e) =>
        OperationReporter.Current.Warning(
            $"Azure Resource Graph is not available here ({e.Status} {e.Code ?? "no error code"}); listing each subscription through Azure Resource Manager instead, which takes a few requests per subscription.");

    /// <summary>The subscriptions asked for, else every one the credential can see (enabled or not: ARM lists answer for all).</summary>
    private async Task<IReadOnlyCollection<string>> SubscriptionsAsync(IReadOnlyCollection<string>? subscriptionIds, CancellationToken cancellationToken) =>
        subscriptionIds is { Count: > 0 }
            ? subscriptionIds
            : (await _arm.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false)).Select(s => s.SubscriptionId).OfType<string>().ToList();

    private async Task<Dictionary<ResourceId, EndpointSnapshot>> ReadEndpointsAsync(IEnumerable<ResourceId> endpointIds, CancellationToken cancellationToken)
    {
        var snapshots = new Dictionary<ResourceId, EndpointSnapshot>();
        foreach (var batch in endpointIds.Distinct().Select((id, i) => (id, i)).GroupBy(x => x.i / EndpointBatchSize, x => x.id))
        {
            var ids = string.Join(", ", batch.Select(id => Quote(id.ToString())));
            var query = string.Format(System.Globalization.CultureInfo.InvariantCulture, EndpointQuery, $" and id in~ ({ids})");
            await ForEachPageAsync(query, null, (rows, _) =>
            {
                foreach (var row in rows)
                {
                    if (ArmJson.Deserialize<PrivateEndpoint>(row.GetRawText()) is { } endpoint && EndpointSnapshot.From(endpoint) is { } snapshot)
                    {
                        snapshots[snapshot.Id] = snapshot;
                    }
                }

                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
        }

        return snapshots;
    }

    private async Task ForEachPageAsync(string query, IReadOnlyCollection<string>? subscriptionIds, Func<IReadOnlyList<JsonElement>, CancellationToken, Task> onPage, CancellationToken cancellationToken)
    {
        string? skipToken = null;
        do
        {
            var options = new Dictionary<string, object> { ["$top"] = PageSize, ["resultFormat"] = "objectArray" };
            if (skipToken is not null)
            {
                options["$skipToken"] = skipToken;
            }

            var body = new Dictionary<string, object> { ["query"] = query, ["options"] = options };
            if (subscriptionIds is { Count: > 0 })
            {
                body["subscriptions"] = subscriptionIds.ToArray();
            }

            var response = await _arm.SendAsync(new ArmRequest(RequestMethod.Post, QueryPath) { ApiVersion = ApiVersions.ResourceGraph, Body = body }, cancellationToken).ConfigureAwait(false);
            ArmGateway.EnsureSuccess(response, "POST", QueryPath);
            var page = response.ReadAs<ResourceGraphQueryResponse>();
            await onPage(page?.Data?.ToList() ?? new List<JsonElement>(), cancellationToken).ConfigureAwait(false);
            skipToken = string.IsNullOrEmpty(page?.SkipToken) ? null : page!.SkipToken;
        }
        while (skipToken is not null);
    }

    private static string? TypeOf(JsonElement row) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private static string ResourceGroupClause(string? resourceGroupName) =>
        resourceGroupName is null ? string.Empty : $" and resourceGroup =~ {Quote(resourceGroupName)}";

    /// <summary>A Kusto string literal: single quotes, with backslashes and quotes escaped.</summary>
    private static string Quote(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}

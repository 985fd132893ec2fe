using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;
using RedisPrivateLink.Runtime;
using RedisPrivateLink.Runtime.Completion;

namespace RedisPrivateLink.Commands;

/// <summary>
/// Get-RedisPrivateCache: the caches of the subscription (or of several, -Subscription), a resource group, or by name
/// (wildcards allowed), each with its private endpoints and public network access, so the output is an audit of where
/// caches can be reached from.
/// </summary>
[Cmdlet(VerbsCommon.Get, "RedisPrivateCache", DefaultParameterSetName = ListSet)]
[OutputType(typeof(RedisPrivateCache))]
public sealed class GetRedisPrivateCacheCommand : ArmCmdlet
{
    private const string ListSet = "List";
    private const string ByIdSet = "ById";
    private const string ResourceGraphSet = "ResourceGraph";

    /// <summary>
    /// Not bound from the pipeline: a piped cache (ours or Az's) has a ResourceGroupName too, and must select itself by
    /// its Id rather than list its whole group.
    /// </summary>
    [Parameter(Position = 0, ParameterSetName = ListSet)]
    [Parameter(Position = 0, ParameterSetName = ResourceGraphSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceGroupCompleter))]
    public string? ResourceGroupName { get; set; }

    [Parameter(Position = 1, ParameterSetName = ListSet)]
    [Parameter(Position = 1, ParameterSetName = ResourceGraphSet)]
    [Alias("CacheName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CacheNameCompleter))]
    public string? Name { get; set; }

    /// <summary>
    /// Lists these subscriptions instead of the context's: ids, display names, or wildcard patterns (* for every
    /// active subscription the context can see), each listed at once on its own throttling budget. With
    /// -UseResourceGraph, subscription ids only (all the credential can see when absent).
    /// </summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = ResourceGraphSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Subscription { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ByIdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id", "CacheId")]
    [ValidateNotNullOrEmpty]
    public string ResourceId { get; set; } = null!;

    /// <summary>Every subscription the credential can see (or -Subscription) in a few Resource Graph queries.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ResourceGraphSet)]
    public SwitchParameter UseResourceGraph { get; set; }

    protected override void ProcessRecord()
    {
        var context = ResolveContext();
        var reader = ReaderFor(context);
        RunEngine(async token =>
        {
            if (ResourceGroupName is not null)
            {
                NameRules.ValidateResourceGroupName(ResourceGroupName);
            }

            if (Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name))
            {
                NameRules.ValidateCacheName(Name);
            }

            if (ParameterSetName == ResourceGraphSet)
            {
                var subscriptions = SubscriptionRules.ParseIds(Subscription, nameof(Subscription));
                var filter = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
                await new ResourceGraphReader(context.GetArmGateway()).ForEachCacheAsync(
                    subscriptions,
                    ResourceGroupName,
                    filter is null ? null : filter.IsMatch,
                    (cache, _) =>
                    {
                        WriteObjectFromTask(cache);
                        return System.Threading.Tasks.Task.CompletedTask;
                    },
                    token).ConfigureAwait(false);
            }
            else if (Subscription is not null)
            {
                await ListSubscriptionsAsync(context, token).ConfigureAwait(false);
            }
            else if (ParameterSetName == ByIdSet)
            {
                var id = CacheKind.ParseCacheId(ResourceId, nameof(ResourceId));
                WriteFound(await reader.GetAsync(id, token).ConfigureAwait(false), ResourceId);
            }
            else if (Name is not null && ResourceGroupName is not null && !WildcardPattern.ContainsWildcardCharacters(Name))
            {
                WriteFound(await reader.GetAsync(ResourceGroupName, Name, token).ConfigureAwait(false), Name);
            }
            else
            {
                var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
                var found = false;
                await reader.ForEachCacheAsync(
                    ResourceGroupName,
                    pattern is null ? null : pattern.IsMatch,
                    (cache, _) =>
                    {
                        found = true;
                        WriteObjectFromTask(cache);
                        return Task.CompletedTask;
                    },
                    token).ConfigureAwait(false);
                if (!found && Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name))
                {
                    WriteFound(null, Name);
                }
            }
        });
    }

    /// <summary>-Subscription: the same list (or lookup by name) in each subscription chosen.</summary>
    private async Task ListSubscriptionsAsync(RedisPrivateLinkContext context, CancellationToken token)
    {
        var exactName = Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name) ? Name : null;
        var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        var found = false;
        await SubscriptionListing.RunAsync<RedisPrivateCache>(
            context,
            Subscription!,
            ResourceGroupName,
            SubscriptionPatterns.Of,
            async (reader, onCache, ct) =>
            {
                if (exactName is not null && ResourceGroupName is not null)
                {
                    if (await reader.GetAsync(ResourceGroupName, exactName, ct).ConfigureAwait(false) is { } cache)
                    {
                        await onCache(cache, ct).ConfigureAwait(false);
                    }
                }
                else
                {
                    await reader.ForEachCacheAsync(ResourceGroupName, pattern is null ? null : pattern.IsMatch, onCache, ct).ConfigureAwait(false);
                }
            },
            cache =>
            {
                found = true;
                WriteObjectFromTask(cache);
            },
            (error, target) => WriteErrorFromTask(EngineErrors.ToErrorRecord(error, target)),
            token).ConfigureAwait(false);
        if (!found && exactName is not null)
        {
            WriteFound(null, exactName);
        }
    }

    private void WriteFound(RedisPrivateCache? cache, string asked)
    {
        if (cache is not null)
        {
            WriteObjectFromTask(cache);
            return;
        }

        var where = (ResourceGroupName, Subscription) switch
        {
            (null, null) => "in this subscription",
            (null, _) => "in the subscriptions listed",
            (_, null) => $"in resource group '{ResourceGroupName}'",
            _ => $"in resource group '{ResourceGroupName}' of the subscriptions listed",
        };
        WriteErrorFromTask(EngineErrors.ToErrorRecord(
            MissingCache.Error($"{CacheKind.Classic.DisplayName} or {CacheKind.ManagedRedis.DisplayName}", asked, where, target: null),
            asked));
    }
}

using System.Management.Automation;
using System.Threading.Tasks;
using RedisPrivateLink.Engine;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;
using RedisPrivateLink.Runtime;
using RedisPrivateLink.Runtime.Completion;

namespace RedisPrivateLink.Commands;

/// <summary>
/// Get-RedisPrivateEndpoint: the private endpoints that connect to Redis caches — of a piped cache, or of the
/// subscription (or of several, -Subscription) or a resource group, by name with wildcards — with their IP, connection
/// state and DNS records.
/// </summary>
[Cmdlet(VerbsCommon.Get, "RedisPrivateEndpoint", DefaultParameterSetName = ListSet)]
[OutputType(typeof(RedisPrivateEndpoint))]
public sealed class GetRedisPrivateEndpointCommand : ArmCmdlet
{
    private const string ListSet = "List";
    private const string ByCacheSet = "ByCache";
    private const string ResourceGraphSet = "ResourceGraph";

    [Parameter(Position = 0, ParameterSetName = ListSet)]
    [Parameter(Position = 0, ParameterSetName = ResourceGraphSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceGroupCompleter))]
    public string? ResourceGroupName { get; set; }

    [Parameter(Position = 1, ParameterSetName = ListSet)]
    [Parameter(Position = 1, ParameterSetName = ResourceGraphSet)]
    [Alias("PrivateEndpointName")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
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

    /// <summary>The cache whose endpoints to get; binds from the Id of a piped cache (ours or Az's).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByCacheSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    public string CacheId { get; set; } = null!;

    /// <summary>Every subscription the credential can see (or -Subscription) in a few Resource Graph queries.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ResourceGraphSet)]
    public SwitchParameter UseResourceGraph { get; set; }

    protected override void ProcessRecord()
    {
        var context = ResolveContext();
        var reader = ReaderFor(context);
        RunEngine(async token =>
        {
            if (ParameterSetName == ByCacheSet)
            {
                var id = CacheKind.ParseCacheId(CacheId, nameof(CacheId));
                var cache = await reader.GetAsync(id, token).ConfigureAwait(false)
                    ?? throw MissingCache.Error(id);

                foreach (var endpoint in cache.PrivateEndpoints)
                {
                    WriteObjectFromTask(endpoint);
                }

                return;
            }

            if (ResourceGroupName is not null)
            {
                NameRules.ValidateResourceGroupName(ResourceGroupName);
            }

            if (Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name))
            {
                NameRules.ValidatePrivateEndpointName(Name, nameof(Name));
            }

            var pattern = Name is null ? null : new WildcardPattern(Name, WildcardOptions.IgnoreCase);
            if (ParameterSetName == ResourceGraphSet)
            {
                await new ResourceGraphReader(context.GetArmGateway()).ForEachEndpointAsync(
                    SubscriptionRules.ParseIds(Subscription, nameof(Subscription)),
                    ResourceGroupName,
                    pattern is null ? null : pattern.IsMatch,
                    (endpoint, _) =>
                    {
                        WriteObjectFromTask(endpoint);
                        return Task.CompletedTask;
                    },
                    token).ConfigureAwait(false);
                return;
            }

            if (Subscription is not null)
            {
                await SubscriptionListing.RunAsync<RedisPrivateEndpoint>(
                    context,
                    Subscription,
                    ResourceGroupName,
                    SubscriptionPatterns.Of,
                    (subscriptionReader, onEndpoint, ct) => subscriptionReader.ForEachEndpointAsync(ResourceGroupName, pattern is null ? null : pattern.IsMatch, onEndpoint, ct),
                    WriteObjectFromTask,
                    (error, target) => WriteErrorFromTask(EngineErrors.ToErrorRecord(error, target)),
                    token).ConfigureAwait(false);
                return;
            }

            await reader.ForEachEndpointAsync(
                ResourceGroupName,
                pattern is null ? null : pattern.IsMatch,
                (endpoint, _) =>
                {
                    WriteObjectFromTask(endpoint);
                    return Task.CompletedTask;
                },
                token).ConfigureAwait(false);
        }, ParameterSetName == ByCacheSet ? CacheId : Name);
    }
}

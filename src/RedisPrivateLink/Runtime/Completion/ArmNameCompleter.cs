using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Completion;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Runtime.Completion;

/// <summary>
/// Tab completion of Azure resource names through the session's context. Names are cached for a minute; a lookup that
/// takes longer than a moment leaves the prompt with what the cache has (often nothing the first time) and fills the
/// cache for the next Tab. Not connected, or any failure: no completions and no error.
/// </summary>
public abstract class ArmNameCompleter : IArgumentCompleter
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PromptBudget = TimeSpan.FromMilliseconds(1500);
    private static readonly ConcurrentDictionary<string, CachedNames> Cache = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var context = ContextOf(fakeBoundParameters);
        if (context is null || context.IsDisposed)
        {
            return Array.Empty<CompletionResult>();
        }

        var scope = ScopeOf(fakeBoundParameters);
        if (scope is null)
        {
            return Array.Empty<CompletionResult>();
        }

        var key = $"{context.SubscriptionId}|{GetType().Name}|{scope}";
        var source = new ResourceNameSource(context.GetArmGateway(), context.SubscriptionId);
        var names = NamesFor(key, token => ListAsync(source, scope, token));
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return names.Where(pattern.IsMatch).Select(ToCompletion).ToList();
    }

    /// <summary>
    /// What the names depend on besides the subscription (a resource group, a virtual network), from the parameters
    /// typed so far; null when a required one is missing, so there is nothing to complete yet.
    /// </summary>
    private protected abstract string? ScopeOf(IDictionary boundParameters);

    private protected abstract Task<IReadOnlyList<string>> ListAsync(ResourceNameSource source, string scope, CancellationToken cancellationToken);

    private protected static string? Bound(IDictionary boundParameters, params string[] names) =>
        names.Select(name => boundParameters.Contains(name) ? boundParameters[name] as string : null)
            .FirstOrDefault(value => !string.IsNullOrEmpty(value));

    private static RedisPrivateLinkContext? ContextOf(IDictionary boundParameters) =>
        (boundParameters.Contains("Context") ? PSObject.AsPSObject(boundParameters["Context"]).BaseObject as RedisPrivateLinkContext : null)
        ?? SessionContext.Current;

    private static IReadOnlyList<string> NamesFor(string key, Func<CancellationToken, Task<IReadOnlyList<string>>> list)
    {
        var now = DateTime.UtcNow;
        var entry = Cache.AddOrUpdate(
            key,
            _ => new CachedNames(Fetch(list), now),
            (_, existing) => now - existing.FetchedAt < CacheLifetime ? existing : new CachedNames(Fetch(list), now, existing.LastNames));
        try
        {
            if (entry.Names.Wait(PromptBudget))
            {
                return entry.LastNames = entry.Names.Result;
            }
        }
        catch (AggregateException)
        {
            Cache.TryRemove(key, out _);
        }

        return entry.LastNames;
    }

    // Runs on after the prompt gave up waiting, to fill the cache; bounded so a dead endpoint cannot pile up requests.
    private static Task<IReadOnlyList<string>> Fetch(Func<CancellationToken, Task<IReadOnlyList<string>>> list) =>
        Task.Run(async () =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return await list(timeout.Token).ConfigureAwait(false);
        });

    private static CompletionResult ToCompletion(string name)
    {
        var text = name.IndexOfAny(new[] { ' ', '(', ')', '\'' }) >= 0 ? $"'{name.Replace("'", "''")}'" : name;
        return new CompletionResult(text, name, CompletionResultType.ParameterValue, name);
    }

    private sealed class CachedNames
    {
        public CachedNames(Task<IReadOnlyList<string>> names, DateTime fetchedAt, IReadOnlyList<string>? lastNames = null)
        {
            Names = names;
            FetchedAt = fetchedAt;
            LastNames = lastNames ?? Array.Empty<string>();
        }

        public Task<IReadOnlyList<string>> Names { get; }

        public DateTime FetchedAt { get; }

        /// <summary>The last complete answer, offered while a refresh is still on its way.</summary>
        public IReadOnlyList<string> LastNames { get; set; }
    }
}

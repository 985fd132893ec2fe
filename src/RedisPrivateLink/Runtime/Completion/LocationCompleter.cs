using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Runtime.Completion;

/// <summary>Completes region names of the session's cloud, from a fixed list: no request, works before connecting.</summary>
public sealed class LocationCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return AzureRegions.For(SessionContext.Current?.Environment ?? "AzureCloud")
            .Where(pattern.IsMatch)
            .Select(region => new CompletionResult(region, region, CompletionResultType.ParameterValue, region));
    }
}

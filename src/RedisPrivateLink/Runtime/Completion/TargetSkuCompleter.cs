using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;

namespace RedisPrivateLink.Runtime.Completion;

/// <summary>
/// Completes Convert-VNetCacheToPrivateEndpoint -TargetSku: Suggested first, then the Azure Managed Redis SKUs, from a
/// fixed list (no request). Not a ValidateSet: the engine's refusals say what a classic SKU means there.
/// </summary>
public sealed class TargetSkuCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return new[] { ConvertVNetCacheRequest.SuggestedTargetSku }.Concat(ManagedRedisSkuRules.SkuNames)
            .Where(pattern.IsMatch)
            .Select(sku => new CompletionResult(sku, sku, CompletionResultType.ParameterValue, sku));
    }
}

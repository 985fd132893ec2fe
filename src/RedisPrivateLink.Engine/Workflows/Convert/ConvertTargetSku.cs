using System;
using System.Linq;
using System.Text.RegularExpressions;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// -TargetSku of Convert-VNetCacheToPrivateEndpoint: an Azure Managed Redis SKU (checked with
/// <see cref="ManagedRedisSkuRules"/>), or <see cref="Suggested"/> for the one <see cref="ManagedRedisSkuMapping"/> maps
/// the source's size to. A classic SKU or size is refused: the classic target is what leaving -TargetSku out gives.
/// </summary>
internal sealed class ConvertTargetSku
{
    public const string Suggested = ConvertVNetCacheRequest.SuggestedTargetSku;

    private static readonly Regex ClassicSize = new("^(Basic|Standard|Premium)?[_ ]?[CP][0-6]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private readonly string? _sku;

    private ConvertTargetSku(string? sku) => _sku = sku;

    /// <summary>True for -TargetSku Suggested: the SKU is known only once the source is read.</summary>
    public bool IsSuggested => _sku is null;

    /// <summary>The request's -TargetSku, or null when it has none (the target is a classic cache).</summary>
    /// <exception cref="ValidationException">TargetSkuIsClassic, InvalidCacheSku.</exception>
    public static ConvertTargetSku? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var value = text.Trim();
        if (string.Equals(value, Suggested, StringComparison.OrdinalIgnoreCase))
        {
            return new ConvertTargetSku(null);
        }

        if (CacheSkuRules.IsClassicSkuName(value) || ClassicSize.IsMatch(value))
        {
            throw new ValidationException(WorkflowErrorIds.TargetSkuIsClassic, "TargetSku",
                $"-TargetSku {NameRules.Quote(text)} is an Azure Cache for Redis SKU, but -TargetSku names the Azure Managed Redis SKU the cache moves to. Give one such as Balanced_B5, or -TargetSku {Suggested} for Microsoft's mapping of the source's size ({MappingText()}); leave -TargetSku out to keep the cache on Azure Cache for Redis.");
        }

        return new ConvertTargetSku(ManagedRedisSkuRules.ParseSkuName(value, "TargetSku"));
    }

    /// <summary>The SKU to create for a source of <paramref name="sourceSize"/> (P1...), and the mapping the table gives that size.</summary>
    public (string Sku, ManagedRedisSkuMapping Mapping) For(string sourceSize)
    {
        var mapping = ManagedRedisSkuMapping.For(sourceSize);
        return (_sku ?? mapping.ManagedRedisSku, mapping);
    }

    /// <summary>The whole table in one line, for messages and notices: "C0 -> Balanced_B0, ...".</summary>
    public static string MappingText() => string.Join(", ", ManagedRedisSkuMapping.All.Select(m => m.ToString()));
}

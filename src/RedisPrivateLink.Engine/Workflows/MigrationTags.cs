using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Migration progress, recorded on Azure itself as tags so that a re-run after any interruption (Ctrl+C, a fault, a
/// runbook timeout) knows where the last run stopped: the target cache (a classic cache, or a Managed Redis cluster with
/// -TargetSku) names its source and its last finished stage; with -ReuseName the source records its export before it is deleted.
/// </summary>
internal static class MigrationTags
{
    public const string Source = "rpl-migration-source";
    public const string Stage = "rpl-migration-stage";
    public const string ExportPrefix = "rpl-migration-export-prefix";

    /// <summary>On the target: the subnet the source was injected into, so a re-run after the source is gone still knows its virtual network.</summary>
    public const string InjectedSubnet = "rpl-migration-injected-subnet";

    /// <summary>The stage a resource's tags record, or <see cref="MigrationStage.None"/>.</summary>
    public static MigrationStage StageOf(ArmResource? resource) =>
        resource?.Tags is { } tags && tags.TryGetValue(Stage, out var value) ? MigrationStages.Parse(value) : MigrationStage.None;

    /// <summary>True when <paramref name="cache"/> is the target of a migration from <paramref name="sourceId"/>.</summary>
    public static bool IsTargetOf(ArmResource cache, ResourceId sourceId) =>
        cache.Tags is { } tags && tags.TryGetValue(Source, out var value) && ResourceId.TryParse(value, out var id) && id == sourceId;

    /// <summary>True for the tags the migration writes, which a target does not copy from its source.</summary>
    public static bool IsMigrationTag(string name) => name.StartsWith("rpl-migration-", StringComparison.OrdinalIgnoreCase);

    /// <summary>The cache (of either kind) with its tags; null when it does not exist.</summary>
    public static async Task<ArmResource?> ReadAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken) =>
        (await CacheKind.Of(cacheId).ReadAsync(arm, cacheId, cancellationToken).ConfigureAwait(false))?.Resource as ArmResource;

    /// <summary>The tags a resource has, with the stage (and any other given migration tags) set; user tags stay.</summary>
    public static Dictionary<string, string> With(IDictionary<string, string>? tags, MigrationStage stage, params (string Name, string Value)[] more)
    {
        var result = tags is null ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) : new Dictionary<string, string>(tags, StringComparer.OrdinalIgnoreCase);
        result[Stage] = MigrationStages.Text(stage);
        foreach (var (name, value) in more)
        {
            result[name] = value;
        }

        return result;
    }

    /// <summary>
    /// Records <paramref name="stage"/> on the cache, keeping its other tags. A stage is only ever moved forward, so a
    /// step re-run after an interruption cannot make the record claim less than was done.
    /// </summary>
    public static async Task RecordAsync(IArmGateway arm, ResourceId cacheId, MigrationStage stage, CancellationToken cancellationToken, params (string Name, string Value)[] more)
    {
        var cache = await ReadAsync(arm, cacheId, cancellationToken).ConfigureAwait(false)
            ?? throw new RedisPrivateLinkException(WorkflowErrorIds.CacheNotFound, RedisPrivateLinkErrorCategory.ObjectNotFound,
                $"Cache '{cacheId.Name}' disappeared during the migration. Run the same command again to continue.", cacheId.ToString());
        if (StageOf(cache) >= stage)
        {
            return;
        }

        await arm.PatchAsync<MigrationChildResource>(cacheId, new { tags = With(cache.Tags, stage, more) }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}

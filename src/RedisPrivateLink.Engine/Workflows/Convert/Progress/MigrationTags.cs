using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Migration progress, recorded on Azure itself as tags so that a re-run after any interruption (Ctrl+C, a fault, a
/// runbook timeout) knows where the last run stopped: the target cache (a classic cache, or a Managed Redis cluster with
/// -TargetSku) names its source and its last finished stage; with -ReuseName the source records its export before it is deleted.
/// Once the migration is complete (the source deleted, or kept with -KeepSource, after the target was verified) every
/// bookkeeping tag is removed from the target but <see cref="Source"/>, the one documented tag that stays: it records
/// where the cache came from, and a target that names its source without a stage is a complete migration
/// (<see cref="MigrationStage.Complete"/>), which a re-run recognises and leaves alone.
/// </summary>
internal static class MigrationTags
{
    public const string Source = "rpl-migration-source";
    public const string Stage = "rpl-migration-stage";
    public const string ExportPrefix = "rpl-migration-export-prefix";

    /// <summary>
    /// On the target: when an import was sent to it (UTC, ISO 8601), written before the import's POST and removed when
    /// ARM says the import did not run. With no imported stage beside it, an earlier run sent an import whose outcome
    /// it never learnt (its answer lost, or the run stopped while it ran): ARM keeps no record a client can ask for.
    /// </summary>
    public const string ImportSent = "rpl-migration-import-sent";

    /// <summary>On the target: the subnet the source was injected into, so a re-run after the source is gone still knows its virtual network.</summary>
    public const string InjectedSubnet = "rpl-migration-injected-subnet";

    /// <summary>
    /// The stage a resource's tags record: the stage tag's; <see cref="MigrationStage.Complete"/> for a target that
    /// names its source and has no stage tag (its bookkeeping removed); else <see cref="MigrationStage.None"/>.
    /// </summary>
    public static MigrationStage StageOf(ArmResource? resource) =>
        resource?.Tags is not { } tags ? MigrationStage.None
        : TryGet(tags, Stage, out var value) ? MigrationStages.Parse(value)
        : TryGet(tags, Source, out _) ? MigrationStage.Complete
        : MigrationStage.None;

    /// <summary>The tags that only served the migration while it ran: every migration tag but <see cref="Source"/>.</summary>
    public static Dictionary<string, string> BookkeepingOf(IDictionary<string, string>? tags) =>
        (tags ?? new Dictionary<string, string>())
            .Where(tag => IsMigrationTag(tag.Key) && !string.Equals(tag.Key, Source, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(tag => tag.Key, tag => tag.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Ends the migration's bookkeeping on the target: deletes its migration tags but <see cref="Source"/> through the
    /// Tags API (<c>{cache}/providers/Microsoft.Resources/tags/default</c>, operation Delete), which removes only the
    /// named tags whatever the provider does with a tag set in a PATCH, so the user's tags stay as they are. False when
    /// there was nothing to remove.
    /// </summary>
    public static async Task<bool> CompleteAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken)
    {
        var cache = await ReadAsync(arm, cacheId, cancellationToken).ConfigureAwait(false)
            ?? throw MissingCache.Disappeared(cacheId, "during the migration");
        var bookkeeping = BookkeepingOf(cache.Tags);
        if (bookkeeping.Count == 0)
        {
            return false;
        }

        var path = TagsPathOf(cacheId);
        var response = await arm.SendAsync(new ArmRequest(RequestMethod.Patch, path)
        {
            ApiVersion = ApiVersions.Tags,
            Body = new { operation = "Delete", properties = new { tags = bookkeeping } },
        }, cancellationToken).ConfigureAwait(false);
        ArmGateway.EnsureSuccess(response, "PATCH", path);
        return true;
    }

    /// <summary>
    /// Sets one tag on the cache through the Tags API (operation Merge): synchronous, so the tag is there once this
    /// returns and not there when it throws, unlike a cache PATCH, whose operation can fail after the tags were taken.
    /// </summary>
    public static Task MergeAsync(IArmGateway arm, ResourceId cacheId, string name, string value, CancellationToken cancellationToken) =>
        SendTagsAsync(arm, cacheId, "Merge", name, value, cancellationToken);

    /// <summary>Removes one tag (with the value given) from the cache through the Tags API (operation Delete); other tags stay.</summary>
    public static Task RemoveAsync(IArmGateway arm, ResourceId cacheId, string name, string value, CancellationToken cancellationToken) =>
        SendTagsAsync(arm, cacheId, "Delete", name, value, cancellationToken);

    /// <summary>The value of one tag of a resource (names case-insensitive); null when it has none.</summary>
    public static string? ValueOf(ArmResource? resource, string name) =>
        resource?.Tags is { } tags && TryGet(tags, name, out var value) ? value : null;

    private static async Task SendTagsAsync(IArmGateway arm, ResourceId cacheId, string operation, string name, string value, CancellationToken cancellationToken)
    {
        var path = TagsPathOf(cacheId);
        var response = await arm.SendAsync(new ArmRequest(RequestMethod.Patch, path)
        {
            ApiVersion = ApiVersions.Tags,
            Body = new { operation, properties = new { tags = new Dictionary<string, string> { [name] = value } } },
        }, cancellationToken).ConfigureAwait(false);
        ArmGateway.EnsureSuccess(response, "PATCH", path);
    }

    /// <summary>The Tags API resource of a cache (an extension resource, which <see cref="ResourceId"/> does not model).</summary>
    public static string TagsPathOf(ResourceId cacheId) => cacheId + "/providers/" + MigrationTargetRecord.TagsResourceType + "/default";

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
        if (stage == MigrationStage.Complete)
        {
            // Complete is the stage tag's absence (a Failed target sent again keeps its completion).
            result.Remove(Stage);
        }
        else
        {
            result[Stage] = MigrationStages.Text(stage);
        }

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
            ?? throw MissingCache.Disappeared(cacheId, "during the migration");
        if (StageOf(cache) >= stage)
        {
            return;
        }

        await arm.PatchAsync<MigrationChildResource>(cacheId, new { tags = With(cache.Tags, stage, more) }, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tag names are case-insensitive in ARM, whatever dictionary a model deserialised them into.</summary>
    private static bool TryGet(IDictionary<string, string> tags, string name, out string? value)
    {
        foreach (var tag in tags)
        {
            if (string.Equals(tag.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = tag.Value;
                return true;
            }
        }

        value = null;
        return false;
    }
}

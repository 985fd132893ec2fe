using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// With -ReuseName the source is deleted before Azure accepts its replacement, and in between the new cache's
/// definition would exist only in the memory of the run. So it is recorded first on the resource group — the one
/// place on Azure that outlives both caches — through the Tags API, whose merge and delete leave the group's other
/// tags alone: the definition's JSON, deflated and base64-encoded, in 256-character pieces named
/// <c>rpl-migration-target-{cache}-{n}</c>. A re-run that finds neither cache recreates the target from it, and the
/// step that creates the target removes it once Azure holds the target, which carries the same configuration.
/// </summary>
internal static class MigrationTargetRecord
{
    public const string Prefix = "rpl-migration-target-";

    private const int MaxValueLength = 256;

    public const string TagsResourceType = "Microsoft.Resources/tags";

    /// <summary>The Tags API resource of the cache's resource group.</summary>
    public static ResourceId TagsIdOf(ResourceId cacheId) =>
        ResourceId.ForResource(cacheId.SubscriptionId, cacheId.ResourceGroupName!, TagsResourceType, "default");

    /// <summary>The record's tags for <paramref name="definition"/>, the target cache <paramref name="cacheId"/>'s PUT body.</summary>
    public static IReadOnlyList<(string Name, string Value)> Encode(ResourceId cacheId, RedisCache definition)
    {
        var json = Encoding.UTF8.GetBytes(ArmJson.Serialize(definition));
        using var packed = new MemoryStream();
        using (var deflate = new DeflateStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(json, 0, json.Length);
        }

        var text = Convert.ToBase64String(packed.ToArray());
        var pieces = new List<(string, string)>();
        for (var offset = 0; offset < text.Length; offset += MaxValueLength)
        {
            pieces.Add((PieceName(cacheId, pieces.Count), text.Substring(offset, Math.Min(MaxValueLength, text.Length - offset))));
        }

        return pieces;
    }

    /// <summary>The recorded definition, or null when the tags hold no record for the cache.</summary>
    /// <exception cref="RedisPrivateLinkException">The record is there but cannot be read (its tags were edited).</exception>
    public static RedisCache? Decode(ResourceId cacheId, IDictionary<string, string>? tags)
    {
        var lookup = CaseInsensitive(tags);
        var text = new StringBuilder();
        for (var index = 0; lookup.TryGetValue(PieceName(cacheId, index), out var piece); index++)
        {
            text.Append(piece);
        }

        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            using var unpacked = new MemoryStream();
            using (var deflate = new DeflateStream(new MemoryStream(Convert.FromBase64String(text.ToString())), CompressionMode.Decompress))
            {
                deflate.CopyTo(unpacked);
            }

            return ArmJson.Deserialize<RedisCache>(Encoding.UTF8.GetString(unpacked.ToArray()))
                   ?? throw new FormatException("The record is empty.");
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.MigrationRecordUnreadable, RedisPrivateLinkErrorCategory.InvalidData,
                $"Resource group '{cacheId.ResourceGroupName}' has tags '{Prefix}{cacheId.Name.ToLowerInvariant()}-*' recording the configuration of the cache that replaces '{cacheId.Name}', but they cannot be read (were they edited?). Create the cache with New-RedisPrivateCache, then remove those tags.",
                cacheId.ToString(), e);
        }
    }

    /// <summary>The resource group's tags as the Tags API holds them (none when it has none).</summary>
    public static async Task<IDictionary<string, string>> ReadTagsAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken)
    {
        var resource = await arm.GetAsync<TagsResource>(TagsIdOf(cacheId), cancellationToken).ConfigureAwait(false);
        return CaseInsensitive(resource?.Properties?.Tags);
    }

    public static async Task<RedisCache?> ReadAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken) =>
        Decode(cacheId, await ReadTagsAsync(arm, cacheId, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Refuses, before anything is written, a record that would take the resource group past Azure's 50 tags.
    /// </summary>
    public static void RequireRoom(ResourceId cacheId, IDictionary<string, string> groupTags, int pieces)
    {
        var others = groupTags.Keys.Count(name => !IsPieceOf(cacheId, name));
        if (others + pieces > MigrationSettingsTags.MaxTagsPerResource)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.MigrationRecordDoesNotFit, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"-ReuseName records the new cache's configuration on resource group '{cacheId.ResourceGroupName}' as {pieces} tags before deleting '{cacheId.Name}', so that an interrupted run can still recreate it; the group has {others} other tags and Azure allows {MigrationSettingsTags.MaxTagsPerResource}. Remove {others + pieces - MigrationSettingsTags.MaxTagsPerResource} tags from the resource group, or migrate side by side with -NewName.",
                cacheId.ToString());
        }
    }

    /// <summary>Writes the record (merging, so other tags stay), first deleting pieces an earlier, longer record left.</summary>
    public static async Task<bool> WriteAsync(IArmGateway arm, ResourceId cacheId, RedisCache definition, CancellationToken cancellationToken)
    {
        var pieces = Encode(cacheId, definition);
        var tags = await ReadTagsAsync(arm, cacheId, cancellationToken).ConfigureAwait(false);
        RequireRoom(cacheId, tags, pieces.Count);
        var wanted = new HashSet<string>(pieces.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
        var stale = tags.Where(tag => IsPieceOf(cacheId, tag.Key) && !wanted.Contains(tag.Key)).ToDictionary(tag => tag.Key, tag => tag.Value);
        if (stale.Count > 0)
        {
            await PatchAsync(arm, cacheId, "Delete", stale, cancellationToken).ConfigureAwait(false);
        }

        if (pieces.All(piece => tags.TryGetValue(piece.Name, out var value) && value == piece.Value))
        {
            return stale.Count > 0;
        }

        await PatchAsync(arm, cacheId, "Merge", pieces.ToDictionary(p => p.Name, p => p.Value), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Deletes the record's tags; false when there were none.</summary>
    public static async Task<bool> RemoveAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken)
    {
        var tags = await ReadTagsAsync(arm, cacheId, cancellationToken).ConfigureAwait(false);
        var pieces = tags.Where(tag => IsPieceOf(cacheId, tag.Key)).ToDictionary(tag => tag.Key, tag => tag.Value);
        if (pieces.Count == 0)
        {
            return false;
        }

        await PatchAsync(arm, cacheId, "Delete", pieces, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static Task<TagsResource> PatchAsync(IArmGateway arm, ResourceId cacheId, string operation, IDictionary<string, string> tags, CancellationToken cancellationToken) =>
        arm.PatchAsync<TagsResource>(TagsIdOf(cacheId), new { operation, properties = new { tags } }, cancellationToken: cancellationToken);

    private static string PieceName(ResourceId cacheId, int index) => $"{Prefix}{cacheId.Name.ToLowerInvariant()}-{index}";

    private static bool IsPieceOf(ResourceId cacheId, string tagName)
    {
        var prefix = $"{Prefix}{cacheId.Name.ToLowerInvariant()}-";
        return tagName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && int.TryParse(tagName.Substring(prefix.Length), out _);
    }

    private static Dictionary<string, string> CaseInsensitive(IDictionary<string, string>? tags) =>
        tags is null
            ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(tags, StringComparer.OrdinalIgnoreCase);
}

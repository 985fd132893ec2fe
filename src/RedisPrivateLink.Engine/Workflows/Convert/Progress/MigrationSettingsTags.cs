using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// With -ReuseName the source, and with it its firewall rules and patch schedule, is gone before they are copied to
/// the target. So the target is created carrying them as tags (JSON in 256-character pieces, Azure's limit for a tag
/// value), which a re-run after an interruption reads back. Once the migration is complete they are removed with the
/// other bookkeeping tags (<see cref="ConvertCompleteStep"/>), through the Tags API's Delete, which names the tags
/// to drop and so does not depend on how the provider treats a tag set in a PATCH (replace or merge).
/// </summary>
internal static class MigrationSettingsTags
{
    public const string Prefix = "rpl-migration-settings-";

    /// <summary>Azure's limits: 50 tags on a resource, 256 characters in a tag value.</summary>
    public const int MaxTagsPerResource = 50;
    private const int MaxValueLength = 256;

    public static IReadOnlyList<(string Name, string Value)> Encode(IReadOnlyList<MigrationSetting> settings)
    {
        if (settings.Count == 0)
        {
            return Array.Empty<(string, string)>();
        }

        var json = JsonSerializer.Serialize(settings);
        var pieces = new List<(string, string)>();
        for (var offset = 0; offset < json.Length; offset += MaxValueLength)
        {
            pieces.Add((Prefix + pieces.Count, json.Substring(offset, Math.Min(MaxValueLength, json.Length - offset))));
        }

        return pieces;
    }

    /// <summary>The settings the tags carry; none when there are no such tags or they were edited beyond reading.</summary>
    public static IReadOnlyList<MigrationSetting> Decode(IDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return Array.Empty<MigrationSetting>();
        }

        var json = new StringBuilder();
        for (var index = 0; tags.TryGetValue(Prefix + index, out var piece); index++)
        {
            json.Append(piece);
        }

        if (json.Length == 0)
        {
            return Array.Empty<MigrationSetting>();
        }

        try
        {
            return JsonSerializer.Deserialize<List<MigrationSetting>>(json.ToString()) ?? new List<MigrationSetting>();
        }
        catch (JsonException)
        {
            return Array.Empty<MigrationSetting>();
        }
    }
}

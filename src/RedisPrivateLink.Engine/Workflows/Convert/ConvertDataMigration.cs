using System;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>How the data moves to the target: not at all, or by a Premium export to a blob container and an import from it.</summary>
public static class ConvertDataMigration
{
    public const string None = nameof(None);
    public const string ExportImport = nameof(ExportImport);

    /// <summary>
    /// The data migration a run does. Not given (null or blank): with -KeepSource nothing is deleted, so the source
    /// keeps its data and nothing moves (None); otherwise the run would delete the source, the only copy of its data,
    /// so it is refused before any ARM call with <see cref="WorkflowErrorIds.DataMigrationRequired"/>, naming both choices.
    /// </summary>
    public static string Resolve(string? value, bool keepSource, string sourceName)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return Parse(value);
        }

        if (keepSource)
        {
            return None;
        }

        throw new ValidationException(WorkflowErrorIds.DataMigrationRequired, "DataMigration",
            $"Convert-VNetCacheToPrivateEndpoint deletes cache '{sourceName}' at the end, and with it the only copy of its data: say what happens to the data. Give -DataMigration ExportImport with -StorageContainerUri (a blob container's SAS URI) to copy it to the new cache (Premium caches), or -DataMigration None to accept that the new cache starts empty and the data in '{sourceName}' is lost. -KeepSource keeps '{sourceName}' and its data and needs neither.");
    }

    /// <summary>The canonical spelling of <paramref name="value"/>; anything else is refused before any ARM call.</summary>
    public static string Parse(string? value)
    {
        foreach (var allowed in new[] { None, ExportImport })
        {
            if (string.Equals(value, allowed, StringComparison.OrdinalIgnoreCase))
            {
                return allowed;
            }
        }

        throw new ValidationException(WorkflowErrorIds.InvalidDataMigration, "DataMigration",
            $"Data migration '{value}' is not valid. Use None (the target starts empty) or ExportImport (a Premium cache's data moves through -StorageContainerUri).");
    }
}

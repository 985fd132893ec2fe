using System;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>How the data moves to the target: not at all, or by a Premium export to a blob container and an import from it.</summary>
public static class ConvertDataMigration
{
    public const string None = nameof(None);
    public const string ExportImport = nameof(ExportImport);

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

using System;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>The tag spelling of <see cref="MigrationStage"/>: lower case, as a user reading the portal would write it.</summary>
internal static class MigrationStages
{
    public static string Text(MigrationStage stage) => stage.ToString().ToLowerInvariant();

    /// <summary>
    /// An unknown value (a tag edited by hand) counts as no progress, so nothing is skipped on its say-so; so does
    /// "complete", which is never written: completion is the stage tag's absence.
    /// </summary>
    public static MigrationStage Parse(string? text) =>
        Enum.TryParse<MigrationStage>(text, ignoreCase: true, out var stage) && Enum.IsDefined(typeof(MigrationStage), stage) && stage != MigrationStage.Complete
            ? stage
            : MigrationStage.None;
}

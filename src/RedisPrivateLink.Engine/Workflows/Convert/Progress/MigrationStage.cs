namespace RedisPrivateLink.Engine.Workflows;

/// <summary>The stages of a migration in the order they finish; a later stage implies every earlier one.</summary>
internal enum MigrationStage
{
    None,
    Created,
    Exported,
    Imported,
    Verified,

    /// <summary>
    /// Finished: the source deleted (or kept with -KeepSource) after the target was verified, and the bookkeeping tags
    /// removed. Never written as a stage tag: a target that names its source (rpl-migration-source) and carries no
    /// stage tag is complete (see <see cref="MigrationTags.StageOf"/>).
    /// </summary>
    Complete,
}

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>The stages of a migration in the order they finish; a later stage implies every earlier one.</summary>
internal enum MigrationStage
{
    None,
    Created,
    Exported,
    Imported,
    Verified,
}

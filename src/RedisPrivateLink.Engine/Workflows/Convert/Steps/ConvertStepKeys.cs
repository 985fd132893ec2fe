namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// The keys of Convert-VNetCacheToPrivateEndpoint's own steps; the network, DNS zone, link, endpoint and zone group
/// steps keep their <see cref="StepKeys"/>.
/// </summary>
public static class ConvertStepKeys
{
    public const string TargetCache = "target-cache";
    public const string TargetSettings = "target-settings";
    public const string ExportSource = "export-source";
    public const string RecordTarget = "record-target";
    public const string ImportData = "import-data";
    public const string VerifyTarget = "verify-target";

    /// <summary>The step that deletes the source; the cmdlet asks ShouldContinue for it unless -Force.</summary>
    public const string DeleteSource = "delete-source";

    public const string CompleteMigration = "complete-migration";
}

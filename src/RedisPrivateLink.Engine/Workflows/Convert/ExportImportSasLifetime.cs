using System;
using System.Globalization;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Azure refuses an export or import whose SAS does not last: "The SAS token end time (se) must be at least 1 hour from
/// now and the start time (st), if given, must be at least 15 minutes in the past" (the import/export FAQ of
/// cache-how-to-import-export-data). Convert imports long after it starts (after the target's create, and with
/// -ReuseName after the source's deletion), so a SAS that lets the export through can fail the import with the source
/// already gone. This checks the whole plan before any write.
/// </summary>
internal static class ExportImportSasLifetime
{
    /// <summary>Azure's own margin at each request: the SAS must end at least this long after it.</summary>
    public static readonly TimeSpan AzureRequiredRemaining = TimeSpan.FromHours(1);

    /// <summary>Azure's rule for st: at least this long before the request.</summary>
    public static readonly TimeSpan AzureRequiredAge = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long the plan takes at Azure's pace until its import ends, from Azure's documented durations: a cache create
    /// takes 15-30 minutes (Microsoft's create quickstarts; the 2024-11-01 create recording took 29), so 30; export and
    /// import have no documented duration and grow with the data (the recorded export of an empty P1 took 30 s), so 15
    /// minutes each — the import then starts at most 45 minutes in, the end of the 15-45 minutes a run takes to get there.
    /// Export + create + import = 60 minutes.
    /// </summary>
    public static readonly TimeSpan AzureExpectedPlanDuration = TimeSpan.FromMinutes(15 + 30 + 15);

    /// <summary>
    /// The expected plan duration at the clock's pace (the emulator's scale, or Azure's). Azure's hour is not scaled: it
    /// is a wall-clock rule about the token, and the emulator applies it unscaled too.
    /// </summary>
    public static TimeSpan RequiredValidity(AzureClock clock) =>
        clock.Scale(AzureExpectedPlanDuration) + AzureRequiredRemaining;

    /// <summary>
    /// Refuses a SAS that ends before <paramref name="now"/> + <paramref name="requiredValidity"/>, or that starts less
    /// than 15 minutes before <paramref name="now"/>, with a message that names the time it must last until and never
    /// the SAS itself. Returns a note for a SAS without se (a stored access policy, whose expiry Azure alone can see),
    /// or null. Managed identity access uses no SAS, so nothing is checked.
    /// </summary>
    public static string? Check(MigrationStorageContainer container, DateTimeOffset now, TimeSpan requiredValidity)
    {
        if (container.UsesManagedIdentity)
        {
            return null;
        }

        if (container.SasStartsOn is { } start && start > now - AzureRequiredAge)
        {
            throw new ValidationException(WorkflowErrorIds.StorageSasStartsTooLate, "StorageContainerUri",
                $"The SAS of -StorageContainerUri for '{container.DisplayName}' starts at {Format(start)}, and Azure refuses an export whose SAS start time (st) is less than 15 minutes in the past. Give a SAS whose st is {Format(now - AzureRequiredAge)} or earlier, or one without st.");
        }

        var mustLastUntil = now + requiredValidity;
        if (container.SasExpiresOn is not { } end)
        {
            return $"The SAS of -StorageContainerUri for '{container.DisplayName}' has no end time (se), as with a stored access policy: its expiry cannot be checked here. Azure needs it to last until the import starts plus 1 hour, at least until {Format(mustLastUntil)}.";
        }

        if (end < mustLastUntil)
        {
            throw new ValidationException(WorkflowErrorIds.StorageSasExpiresTooSoon, "StorageContainerUri",
                $"The SAS of -StorageContainerUri for '{container.DisplayName}' ends at {Format(end)}, but it must last until at least {Format(mustLastUntil)}: the export, the new cache's create and the import take up to {(requiredValidity - AzureRequiredRemaining).TotalMinutes:0} minutes, and Azure refuses an export or import whose SAS end time (se) is less than 1 hour after the request. Give a SAS whose se is {Format(mustLastUntil)} or later (or -StorageAuthentication ManagedIdentity), and run the command again; nothing was changed.");
        }

        return null;
    }

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}

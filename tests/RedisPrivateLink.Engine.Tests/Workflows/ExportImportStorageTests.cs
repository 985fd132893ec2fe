using System;
using System.Globalization;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Workflows;

/// <summary>
/// The export container as Convert checks it before any write: Azure's SAS lifetime rule over the whole plan, and
/// managed identity access for a storage account behind a firewall.
/// </summary>
public sealed class ExportImportStorageTests
{
    private const string Container = "https://backups.blob.core.windows.net/redis";
    private const string Signature = "c2VjcmV0LXNpZ25hdHVyZQ%3D%3D";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void OnAzureTheSasMustLastThePlansHourAndAzuresHour()
    {
        // Export 15 + create 30 + import 15 minutes, then Azure's hour at the last request.
        Assert.Equal(TimeSpan.FromHours(2), ExportImportSasLifetime.RequiredValidity(AzureClock.Azure));
        Assert.Equal(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(3.6), ExportImportSasLifetime.RequiredValidity(new AzureClock(0.001)));
    }

    [Fact]
    public void ASasEndingBeforeThePlanAndAzuresHourIsRefusedNamingTheTimeItMustLastUntilButNotTheSas()
    {
        var container = Sas($"se={Time(Now.AddMinutes(90))}");

        var refused = Assert.Throws<ValidationException>(() => ExportImportSasLifetime.Check(container, Now, TimeSpan.FromHours(2)));

        Assert.Equal(WorkflowErrorIds.StorageSasExpiresTooSoon, refused.ErrorId);
        Assert.Equal("StorageContainerUri", refused.ParameterName);
        Assert.Contains("ends at 2026-03-01 13:30:00 UTC", refused.Message);
        Assert.Contains("until at least 2026-03-01 14:00:00 UTC", refused.Message);
        Assert.Contains(Container, refused.Message);
        Assert.DoesNotContain(Signature, refused.Message);
        Assert.DoesNotContain("sig=", refused.Message);
    }

    [Fact]
    public void ASasLastingLongEnoughPasses()
    {
        Assert.Null(ExportImportSasLifetime.Check(Sas($"st={Time(Now.AddDays(-1))}&se={Time(Now.AddHours(2))}"), Now, TimeSpan.FromHours(2)));
        Assert.Null(ExportImportSasLifetime.Check(Sas("se=2026-03-02"), Now, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void ASasWithoutAnEndTimeIsAcceptedWithANoteOnWhatItMustLast()
    {
        var note = ExportImportSasLifetime.Check(Sas("si=migration-policy"), Now, TimeSpan.FromHours(2));

        Assert.NotNull(note);
        Assert.Contains("no end time (se)", note);
        Assert.Contains("2026-03-01 14:00:00 UTC", note);
        Assert.DoesNotContain(Signature, note);
    }

    [Fact]
    public void ASasStartingLessThan15MinutesAgoIsRefused()
    {
        var refused = Assert.Throws<ValidationException>(() =>
            ExportImportSasLifetime.Check(Sas($"st={Time(Now.AddMinutes(-5))}&se={Time(Now.AddDays(1))}"), Now, TimeSpan.FromHours(2)));

        Assert.Equal(WorkflowErrorIds.StorageSasStartsTooLate, refused.ErrorId);
        Assert.Contains("2026-03-01 11:45:00 UTC or earlier", refused.Message);
    }

    [Fact]
    public void ManagedIdentityAccessNeedsNoSasAndChecksNoLifetime()
    {
        var plain = MigrationStorageContainer.Parse(Container, usesManagedIdentity: true);
        Assert.Null(ExportImportSasLifetime.Check(plain, Now, TimeSpan.FromHours(2)));
        Assert.Null(ExportImportSasLifetime.Check(
            MigrationStorageContainer.Parse($"{Container}?se={Time(Now.AddMinutes(5))}&sig={Signature}", usesManagedIdentity: true), Now, TimeSpan.FromHours(2)));
        Assert.Equal($"{Container}/migration-cache1", plain.BlobSasUri("migration-cache1"));

        var refused = Assert.Throws<ValidationException>(() => MigrationStorageContainer.Parse(Container, usesManagedIdentity: false));
        Assert.Equal(WorkflowErrorIds.InvalidStorageContainerUri, refused.ErrorId);
    }

    [Fact]
    public void ManagedIdentityAddsAzuresAuthMethodPropertyToTheBodyAndSasLeavesItOut()
    {
        var identity = MigrationStorageContainer.Parse(Container, usesManagedIdentity: true).Body(("format", "RDB"), ("container", Container));
        var sas = Sas($"se={Time(Now.AddDays(1))}").Body(("format", "RDB"));

        Assert.Equal("ManagedIdentity", identity["preferred-data-archive-auth-method"]);
        Assert.Equal("RDB", identity["format"]);
        Assert.False(sas.ContainsKey("preferred-data-archive-auth-method"));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("SAS", false)]
    [InlineData("sas", false)]
    [InlineData("ManagedIdentity", true)]
    public void StorageAuthenticationIsSasOrManagedIdentity(string? value, bool usesManagedIdentity)
    {
        Assert.Equal(usesManagedIdentity, MigrationStorageAuthentication.UsesManagedIdentity(value));
        var refused = Assert.Throws<ValidationException>(() => MigrationStorageAuthentication.UsesManagedIdentity("AccessKey"));
        Assert.Equal(WorkflowErrorIds.InvalidStorageAuthentication, refused.ErrorId);
    }

    private static MigrationStorageContainer Sas(string times) =>
        MigrationStorageContainer.Parse($"{Container}?sv=2024-11-04&sp=rwl&{times}&sig={Signature}", usesManagedIdentity: false);

    /// <summary>A SAS time as Azure writes it: UTC to the second, colons escaped.</summary>
    private static string Time(DateTimeOffset time) =>
        Uri.EscapeDataString(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}

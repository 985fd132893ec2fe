using System.Collections.Generic;
using System.Linq;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Validation;
using RedisPrivateLink.Engine.Workflows;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Workflows;

public sealed class MigrationTagsTests
{
    private const string SourceId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Cache/redis/legacy1";

    [Fact]
    public void ATargetThatNamesItsSourceWithoutAStageIsComplete()
    {
        Assert.Equal(MigrationStage.Complete, MigrationTags.StageOf(Cache(("app", "billing"), ("rpl-migration-source", SourceId))));
        Assert.Equal(MigrationStage.Complete, MigrationTags.StageOf(Cache(("RPL-Migration-Source", SourceId))));
        Assert.Equal(MigrationStage.Verified, MigrationTags.StageOf(Cache(("rpl-migration-source", SourceId), ("rpl-migration-stage", "verified"))));
        Assert.Equal(MigrationStage.None, MigrationTags.StageOf(Cache(("app", "billing"))));
        Assert.Equal(MigrationStage.None, MigrationTags.StageOf(null));
    }

    [Fact]
    public void CompleteIsNeverReadFromAStageTag()
    {
        // Completion is the stage tag's absence; a hand-written "complete" counts as no progress, so nothing is skipped on its say-so.
        Assert.Equal(MigrationStage.None, MigrationStages.Parse("complete"));
        Assert.Equal(MigrationStage.None, MigrationTags.StageOf(Cache(("rpl-migration-source", SourceId), ("rpl-migration-stage", "complete"))));
    }

    [Fact]
    public void TheBookkeepingIsEveryMigrationTagButTheSourceAndNoUserTag()
    {
        var tags = new Dictionary<string, string>
        {
            ["app"] = "billing",
            ["rpl-migration-source"] = SourceId,
            ["rpl-migration-stage"] = "verified",
            ["rpl-migration-injected-subnet"] = "subnet",
            ["rpl-migration-export-prefix"] = "migration-legacy1",
            ["rpl-migration-settings-0"] = "[]",
        };

        Assert.Equal(
            new[] { "rpl-migration-export-prefix", "rpl-migration-injected-subnet", "rpl-migration-settings-0", "rpl-migration-stage" },
            MigrationTags.BookkeepingOf(tags).Keys.OrderBy(name => name, System.StringComparer.Ordinal));
        Assert.Empty(MigrationTags.BookkeepingOf(new Dictionary<string, string> { ["app"] = "billing", ["rpl-migration-source"] = SourceId }));
    }

    [Fact]
    public void AFailedCompleteTargetSentAgainKeepsItsCompletion()
    {
        var tags = MigrationTags.With(new Dictionary<string, string> { ["app"] = "billing", ["rpl-migration-source"] = SourceId }, MigrationStage.Complete);

        Assert.Equal(new[] { "app", "rpl-migration-source" }, tags.Keys.OrderBy(name => name, System.StringComparer.Ordinal));
        Assert.Equal("created", MigrationTags.With(null, MigrationStage.Created)["rpl-migration-stage"]);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData(" ", false)]
    public void WithoutADataMigrationARunThatDeletesTheSourceIsRefusedNamingBothChoices(string? dataMigration, bool keepSource)
    {
        var error = Assert.Throws<ValidationException>(() => ConvertDataMigration.Resolve(dataMigration, keepSource, "legacy1"));

        Assert.Equal(WorkflowErrorIds.DataMigrationRequired, error.ErrorId);
        Assert.Equal("DataMigration", error.ParameterName);
        Assert.Contains("-DataMigration ExportImport with -StorageContainerUri", error.Message, System.StringComparison.Ordinal);
        Assert.Contains("-DataMigration None", error.Message, System.StringComparison.Ordinal);
        Assert.Contains("'legacy1'", error.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, true, ConvertDataMigration.None)]
    [InlineData("none", false, ConvertDataMigration.None)]
    [InlineData("exportimport", true, ConvertDataMigration.ExportImport)]
    public void AChoiceGivenOrKeepSourceResolves(string? dataMigration, bool keepSource, string expected) =>
        Assert.Equal(expected, ConvertDataMigration.Resolve(dataMigration, keepSource, "legacy1"));

    private static RedisCache Cache(params (string Name, string Value)[] tags)
    {
        var cache = new RedisCache { Tags = new Dictionary<string, string>() };
        foreach (var (name, value) in tags)
        {
            cache.Tags[name] = value;
        }

        return cache;
    }
}

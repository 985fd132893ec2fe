namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Convert-VNetCacheToPrivateEndpoint -NewName private1 -DataMigration ExportImport, side by side: the export, import, stage tags and source deletion, under <see cref="ConvertFaultMatrixTests"/>.</summary>
public sealed class ConvertNewNameMigrationFaultMatrixTests : ConvertFaultMatrixTests, IClassFixture<FaultMatrixTests.SharedEmulator>
{
    public ConvertNewNameMigrationFaultMatrixTests(FaultMatrixTests.SharedEmulator emulator)
        : base(emulator)
    {
    }

    public static TheoryData<string, string> Cases => Matrix(NewName, NewNameMigrationWrites);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task ConvertWithNewName(string write, string fault) => RunWithFaultAsync(NewName, write, fault);
}

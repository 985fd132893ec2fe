namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// Convert-VNetCacheToPrivateEndpoint -NewName private1 -TargetSku Suggested -DataMigration ExportImport: the classic
/// source's export, the import into the cluster's database, the stage PATCHes on the cluster and the source's deletion,
/// under <see cref="ConvertFaultMatrixTests"/>: every fault at every write, the answer held past the client's timeout included.
/// </summary>
public sealed class ConvertTargetSkuMigrationFaultMatrixTests : ConvertFaultMatrixTests, IClassFixture<FaultMatrixTests.SharedEmulator>
{
    public ConvertTargetSkuMigrationFaultMatrixTests(FaultMatrixTests.SharedEmulator emulator)
        : base(emulator)
    {
    }

    public static TheoryData<string, string> Cases => Matrix(TargetSku, TargetSkuMigrationWrites);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task ConvertToManagedRedis(string write, string fault) => RunWithFaultAsync(TargetSku, write, fault);
}

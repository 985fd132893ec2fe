namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// Convert-VNetCacheToPrivateEndpoint -NewName private1 -TargetSku Suggested -DataMigration ExportImport: the writes
/// that build the Azure Managed Redis target beside the source (the endpoint's subnet, the privatelink.redis.azure.net
/// zone and its link, the cluster PUT, the database PUT, the endpoint and its zone group), under
/// <see cref="ConvertFaultMatrixTests"/>: every fault at every write, the answer held past the client's timeout included.
/// </summary>
public sealed class ConvertTargetSkuFaultMatrixTests : ConvertFaultMatrixTests, IClassFixture<FaultMatrixTests.SharedEmulator>
{
    public ConvertTargetSkuFaultMatrixTests(FaultMatrixTests.SharedEmulator emulator)
        : base(emulator)
    {
    }

    public static TheoryData<string, string> Cases => Matrix(TargetSku, TargetSkuTargetWrites);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task ConvertToManagedRedis(string write, string fault) => RunWithFaultAsync(TargetSku, write, fault);
}

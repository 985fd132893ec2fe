namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Convert-VNetCacheToPrivateEndpoint -ReuseName -DataMigration ExportImport, keeping the name: the target under the freed name and the import into it, under <see cref="ConvertFaultMatrixTests"/>.</summary>
public sealed class ConvertReuseNameTargetFaultMatrixTests : ConvertFaultMatrixTests, IClassFixture<FaultMatrixTests.SharedEmulator>
{
    public ConvertReuseNameTargetFaultMatrixTests(FaultMatrixTests.SharedEmulator emulator)
        : base(emulator)
    {
    }

    public static TheoryData<string, string> Cases => Matrix(ReuseName, ReuseNameTargetWrites);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task ConvertWithReuseName(string write, string fault) => RunWithFaultAsync(ReuseName, write, fault);
}

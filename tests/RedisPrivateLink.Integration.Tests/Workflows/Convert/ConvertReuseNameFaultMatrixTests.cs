namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Convert-VNetCacheToPrivateEndpoint -ReuseName -DataMigration ExportImport, keeping the name: the writes up to the source's deletion, under <see cref="ConvertFaultMatrixTests"/>.</summary>
public sealed class ConvertReuseNameFaultMatrixTests : ConvertFaultMatrixTests, IClassFixture<FaultMatrixTests.SharedEmulator>
{
    public ConvertReuseNameFaultMatrixTests(FaultMatrixTests.SharedEmulator emulator)
        : base(emulator)
    {
    }

    public static TheoryData<string, string> Cases => Matrix(ReuseName, ReuseNameSourceWrites);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task ConvertWithReuseName(string write, string fault) => RunWithFaultAsync(ReuseName, write, fault);
}

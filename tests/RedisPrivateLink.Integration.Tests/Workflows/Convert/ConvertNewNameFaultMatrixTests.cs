namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Convert-VNetCacheToPrivateEndpoint -NewName private1 -DataMigration ExportImport, side by side: the target built beside the source, under <see cref="ConvertFaultMatrixTests"/>.</summary>
public sealed class ConvertNewNameFaultMatrixTests : ConvertFaultMatrixTests, IClassFixture<FaultMatrixTests.SharedEmulator>
{
    public ConvertNewNameFaultMatrixTests(FaultMatrixTests.SharedEmulator emulator)
        : base(emulator)
    {
    }

    public static TheoryData<string, string> Cases => Matrix(NewName, NewNameTargetWrites);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task ConvertWithNewName(string write, string fault) => RunWithFaultAsync(NewName, write, fault);
}

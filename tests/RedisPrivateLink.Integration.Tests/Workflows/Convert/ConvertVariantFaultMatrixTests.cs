namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>
/// Convert-VNetCacheToPrivateEndpoint -DataMigration None (-NewName and -ReuseName) and -NewName -KeepSource, under
/// <see cref="ConvertFaultMatrixTests"/>: one fault at each write of their plans, whose order and dependencies differ
/// from the ExportImport plans' (no export before -ReuseName's record and deletion, the verification straight after
/// the endpoint, no deletion at all).
/// </summary>
public sealed class ConvertVariantFaultMatrixTests : ConvertFaultMatrixTests, IClassFixture<FaultMatrixTests.SharedEmulator>
{
    public ConvertVariantFaultMatrixTests(FaultMatrixTests.SharedEmulator emulator)
        : base(emulator)
    {
    }

    public static TheoryData<string, string, string> Cases => VariantMatrix(
        (NewNameWithoutData, NewNameWithoutDataWrites), (ReuseNameWithoutData, ReuseNameWithoutDataWrites), (NewNameKeepingSource, NewNameKeepingSourceWrites));

    [Theory]
    [MemberData(nameof(Cases))]
    public Task ConvertVariant(string variant, string write, string fault) => RunWithFaultAsync(variant, write, fault);
}

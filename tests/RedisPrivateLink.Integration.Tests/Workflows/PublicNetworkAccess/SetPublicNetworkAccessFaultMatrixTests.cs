namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Set-RedisPublicNetworkAccess's rows: its PATCH of the cache, under <see cref="FaultMatrixTests"/>.</summary>
public sealed class SetPublicNetworkAccessFaultMatrixTests : FaultMatrixTests, IClassFixture<FaultMatrixTests.SharedEmulator>
{
    public SetPublicNetworkAccessFaultMatrixTests(SharedEmulator emulator)
        : base(emulator)
    {
    }

    [Theory]
    [MemberData(nameof(SetCases))]
    public Task SetPublicNetworkAccess(string step, string fault) => SetPublicNetworkAccessAsync(step, fault);
}

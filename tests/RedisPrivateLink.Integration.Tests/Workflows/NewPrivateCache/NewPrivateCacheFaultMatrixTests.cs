namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>New-RedisPrivateCache's rows: each write step, the network step in each of its shapes, under <see cref="FaultMatrixTests"/>.</summary>
public sealed class NewPrivateCacheFaultMatrixTests : FaultMatrixTests, IClassFixture<FaultMatrixTests.SharedEmulator>
{
    public NewPrivateCacheFaultMatrixTests(SharedEmulator emulator)
        : base(emulator)
    {
    }

    [Theory]
    [MemberData(nameof(NewCases))]
    public Task NewPrivateCache(string step, string fault) => NewPrivateCacheAsync(step, fault);
}

namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>New-RedisPrivateCache's rows for Azure Managed Redis: each write step, the cluster's and the database's PUTs each a row, under <see cref="FaultMatrixTests"/>.</summary>
public sealed class NewManagedRedisCacheFaultMatrixTests : FaultMatrixTests, IClassFixture<FaultMatrixTests.SharedEmulator>
{
    public NewManagedRedisCacheFaultMatrixTests(SharedEmulator emulator)
        : base(emulator)
    {
    }

    [Theory]
    [MemberData(nameof(NewManagedRedisCases))]
    public Task NewManagedRedisCache(string step, string fault) => NewManagedRedisCacheAsync(step, fault);
}

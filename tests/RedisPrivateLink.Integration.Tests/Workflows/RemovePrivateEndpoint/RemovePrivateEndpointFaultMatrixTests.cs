namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Remove-RedisPrivateEndpoint -RemoveDnsZoneLink's rows: the zone link, zone group and endpoint DELETEs, under <see cref="FaultMatrixTests"/>.</summary>
public sealed class RemovePrivateEndpointFaultMatrixTests : FaultMatrixTests, IClassFixture<FaultMatrixTests.SharedEmulator>
{
    public RemovePrivateEndpointFaultMatrixTests(SharedEmulator emulator)
        : base(emulator)
    {
    }

    [Theory]
    [MemberData(nameof(RemoveCases))]
    public Task RemovePrivateEndpoint(string step, string fault) => RemovePrivateEndpointAsync(step, fault);
}

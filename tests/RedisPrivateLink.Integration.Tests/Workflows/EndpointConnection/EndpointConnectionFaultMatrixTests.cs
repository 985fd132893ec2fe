namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Approve- and Deny-RedisPrivateEndpointConnection's rows: the connection PUT, under <see cref="FaultMatrixTests"/>.</summary>
public sealed class EndpointConnectionFaultMatrixTests : FaultMatrixTests, IClassFixture<FaultMatrixTests.SharedEmulator>
{
    public EndpointConnectionFaultMatrixTests(SharedEmulator emulator)
        : base(emulator)
    {
    }

    [Theory]
    [MemberData(nameof(ConnectionCases))]
    public Task DecideEndpointConnection(string step, string fault) => DecideEndpointConnectionAsync(step, fault);
}

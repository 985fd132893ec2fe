namespace RedisPrivateLink.Integration.Tests.Workflows;

/// <summary>Add-RedisPrivateEndpoint's rows: each write step, the network step in each of its shapes, under <see cref="FaultMatrixTests"/>.</summary>
public sealed class AddPrivateEndpointFaultMatrixTests : FaultMatrixTests, IClassFixture<FaultMatrixTests.SharedEmulator>
{
    public AddPrivateEndpointFaultMatrixTests(SharedEmulator emulator)
        : base(emulator)
    {
    }

    [Theory]
    [MemberData(nameof(AddCases))]
    public Task AddPrivateEndpoint(string step, string fault) => AddPrivateEndpointAsync(step, fault);
}

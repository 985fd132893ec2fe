using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Integration.Tests.Infrastructure;

namespace RedisPrivateLink.Integration.Tests;

public sealed class ConnectionTests
{
    [Fact]
    public async Task TheEngineConnectsToTheEmulatorAndCreatesAResourceGroup()
    {
        await using var azure = await EmulatedAzure.StartAsync();
        var id = ResourceId.ForResourceGroup(azure.SubscriptionId, "rg-integration");

        var group = await azure.Arm.PutAsync(id, new ResourceGroup { Location = "eastus" });

        Assert.Equal("rg-integration", group.Name);
        Assert.Equal("Emulator Subscription", azure.Context.SubscriptionName);
        Assert.NotNull(await azure.Arm.GetAsync<ResourceGroup>(id));
    }
}

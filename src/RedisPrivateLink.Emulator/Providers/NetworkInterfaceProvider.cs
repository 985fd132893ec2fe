namespace RedisPrivateLink.Emulator.Providers;

/// <summary>A network interface PUT on its own (private endpoints make theirs on the side): kept out of injected subnets.</summary>
internal sealed class NetworkInterfaceProvider() : NetworkProvider(hasResourceGuid: true)
{
    public override void Validate(WriteContext context)
    {
        foreach (var subnetId in InjectedSubnet.NetworkInterfaceSubnets(context.Request))
        {
            InjectedSubnet.RequireNoCache(subnetId, context.Id, context.Store);
        }
    }
}

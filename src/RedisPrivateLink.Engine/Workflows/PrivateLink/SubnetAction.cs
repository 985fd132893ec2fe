namespace RedisPrivateLink.Engine.Workflows;

/// <summary>What the network step has to do to give the endpoint a usable subnet, as validation found it.</summary>
internal enum SubnetAction
{
    CreateNetwork,
    AddSubnet,
    UseAsIs,
}

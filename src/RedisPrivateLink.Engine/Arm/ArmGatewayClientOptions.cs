using Azure.Core;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>Azure.Core client options for the gateway's pipeline (ClientOptions is abstract).</summary>
internal sealed class ArmGatewayClientOptions : ClientOptions
{
}

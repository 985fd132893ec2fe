namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>The names of the checks, in the order a connection needs them.</summary>
public static class ConnectivityCheckNames
{
    public const string DnsResolution = "DnsResolution";
    public const string TcpConnect = "TcpConnect";
    public const string TlsHandshake = "TlsHandshake";
    public const string Authentication = "Authentication";
    public const string Ping = "Ping";
    public const string PublicNetworkAccess = "PublicNetworkAccess";
    public const string EndpointConnection = "EndpointConnection";
    public const string DnsZoneLink = "DnsZoneLink";
}

using System.Collections.Generic;

namespace RedisPrivateLink.Engine.Caches;

/// <summary>Where a cache's clients connect: its TLS port, and the TLS ports of the nodes a clustered cache redirects them to.</summary>
internal sealed class CacheClientPorts
{
    public CacheClientPorts(int tlsPort, IReadOnlyList<int> nodeTlsPorts)
    {
        TlsPort = tlsPort;
        NodeTlsPorts = nodeTlsPorts;
    }

    /// <summary>6380 for a classic cache, the database's port (10000) for Managed Redis.</summary>
    public int TlsPort { get; }

    /// <summary>A clustered classic cache's nodes (ARM's instances[].sslPort); empty otherwise.</summary>
    public IReadOnlyList<int> NodeTlsPorts { get; }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace RedisPrivateLink.Emulator.Identity;

/// <summary>
/// The emulator's Microsoft Entra directory: the service principals tests register (with a secret or a certificate,
/// in a tenant) and the managed identities of the machine the emulator stands in for (Azure Automation's sandbox, a VM).
/// </summary>
internal sealed class EntraDirectory(string defaultTenantId)
{
    private readonly Dictionary<string, ServicePrincipal> _servicePrincipals = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    /// <summary>The client id of the system-assigned identity; fixed per emulator, as an Automation account's is.</summary>
    public string SystemAssignedClientId { get; } = Guid.NewGuid().ToString();

    public string DefaultTenantId => defaultTenantId;

    public void Register(ServicePrincipal principal)
    {
        lock (_gate)
        {
            _servicePrincipals[principal.ClientId] = principal;
        }
    }

    public ServicePrincipal? Find(string clientId)
    {
        lock (_gate)
        {
            return _servicePrincipals.GetValueOrDefault(clientId);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _servicePrincipals.Clear();
        }
    }

    /// <summary>The object (principal) id of an identity: stable per client id, as Entra's is.</summary>
    public static string ObjectIdOf(string clientId) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes("oid:" + clientId.ToLowerInvariant()))).ToString();
}

/// <summary>An application's service principal: its client id, its tenant, and the one credential it signs in with.</summary>
internal sealed record ServicePrincipal(string ClientId, string TenantId, string? Secret, X509Certificate2? Certificate);

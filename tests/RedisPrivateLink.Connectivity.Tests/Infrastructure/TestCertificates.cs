using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RedisPrivateLink.Connectivity.Tests.Infrastructure;

/// <summary>A throwaway CA and a server certificate it signed for one DNS name, as Azure's certificate names the cache's public host.</summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 authority, X509Certificate2 server)
    {
        Authority = authority;
        Server = server;
    }

    public X509Certificate2 Authority { get; }

    /// <summary>The server certificate, with its private key.</summary>
    public X509Certificate2 Server { get; }

    public static TestCertificates Create(string serverDnsName)
    {
        using var authorityKey = RSA.Create(2048);
        var authorityRequest = new CertificateRequest("CN=RedisPrivateLink Test CA", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        var authority = authorityRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest($"CN={serverDnsName}", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(serverDnsName);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using var signed = serverRequest.Create(authority, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        return new TestCertificates(authority, signed.CopyWithPrivateKey(serverKey));
    }

    /// <summary>Trusts chains that end at this CA only: the probe's extra trust for tests, validation left on.</summary>
    public bool TrustsChainOf(X509Certificate2 certificate, X509Chain? _)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>Writes the PEM files redis-server reads: CA, server certificate, server key.</summary>
    public (string CaFile, string CertFile, string KeyFile) WritePem(string directory)
    {
        var caFile = Path.Combine(directory, "ca.crt");
        var certFile = Path.Combine(directory, "redis.crt");
        var keyFile = Path.Combine(directory, "redis.key");
        File.WriteAllText(caFile, Authority.ExportCertificatePem());
        File.WriteAllText(certFile, Server.ExportCertificatePem());
        using var key = Server.GetRSAPrivateKey()!;
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (caFile, certFile, keyFile);
    }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
    }
}

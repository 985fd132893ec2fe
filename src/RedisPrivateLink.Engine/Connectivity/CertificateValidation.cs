using System;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>
/// Validates the cache's certificate as a client must: for the public host name, chained to a trusted root. The only
/// relaxation is <see cref="ConnectivityProbeOptions.AdditionalChainTrust"/>, asked about the chain alone.
/// Remembers what it saw so a failure can say why.
/// </summary>
internal sealed class CertificateValidation
{
    private const string WindowsDnsPrefix = "DNS Name=";
    private const string OpenSslDnsPrefix = "DNS:";

    private readonly Func<X509Certificate2, X509Chain?, bool>? _additionalChainTrust;

    public CertificateValidation(Func<X509Certificate2, X509Chain?, bool>? additionalChainTrust) => _additionalChainTrust = additionalChainTrust;

    public SslPolicyErrors Errors { get; private set; }

    public X509Certificate2? Certificate { get; private set; }

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        Errors = errors;
        Certificate = certificate is null ? null : new X509Certificate2(certificate);
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        return errors == SslPolicyErrors.RemoteCertificateChainErrors && Certificate is not null && _additionalChainTrust?.Invoke(Certificate, chain) == true;
    }

    /// <summary>The names the certificate is for: its DNS subject alternative names, else its common name.</summary>
    public string DescribeCertificate()
    {
        if (Certificate is null)
        {
            return "no certificate";
        }

        var names = DnsNamesOf(Certificate);
        return $"certificate for {names} issued by {Certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true)}, valid until {Certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}";
    }

    private static string DnsNamesOf(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            // 2.5.29.17 is subjectAltName. Its formatted text names DNS entries "DNS Name=x" on Windows and "DNS:x"
            // elsewhere; netstandard2.0 has no typed reader for it.
            if (extension.Oid?.Value == "2.5.29.17")
            {
                var names = extension.Format(multiLine: false)
                    .Split(',')
                    .Select(entry => entry.Trim())
                    .Select(entry => entry.StartsWith(WindowsDnsPrefix, StringComparison.Ordinal) ? entry.Substring(WindowsDnsPrefix.Length)
                        : entry.StartsWith(OpenSslDnsPrefix, StringComparison.Ordinal) ? entry.Substring(OpenSslDnsPrefix.Length)
                        : null)
                    .OfType<string>()
                    .ToArray();
                if (names.Length > 0)
                {
                    return string.Join(", ", names);
                }
            }
        }

        return certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
    }
}

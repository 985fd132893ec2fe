using System;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;

namespace RedisPrivateLink.Engine.Arm;

/// <summary>The trust decision for a pinned server certificate (the local emulator's self-signed one).</summary>
public static class CertificatePinning
{
    /// <summary>
    /// True only when <paramref name="certificate"/> is the one whose SHA-1 thumbprint is <paramref name="pinnedThumbprint"/>
    /// (hex, any case, spaces and colons ignored). Chain and name errors don't matter: the pin is the whole trust.
    /// </summary>
    public static bool IsPinnedCertificate(X509Certificate2? certificate, string pinnedThumbprint)
    {
        if (certificate is null)
        {
            return false;
        }

        var expected = Normalize(pinnedThumbprint);
        return expected.Length == 40 && string.Equals(Normalize(certificate.Thumbprint), expected, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The thumbprint without separators, upper case; throws when it is not 40 hex digits.</summary>
    public static string NormalizeThumbprint(string thumbprint)
    {
        var normalized = Normalize(thumbprint);
        if (normalized.Length != 40 || !IsHex(normalized))
        {
            throw new FormatException($"'{thumbprint}' is not a SHA-1 certificate thumbprint (40 hexadecimal digits).");
        }

        return normalized;
    }

    /// <summary>An HTTP transport that trusts only the pinned certificate, or the platform's trust when there is no pin.</summary>
    public static HttpPipelineTransport CreateTransport(string? pinnedThumbprint)
    {
        if (pinnedThumbprint is null)
        {
            return new HttpClientTransport();
        }

        var thumbprint = NormalizeThumbprint(pinnedThumbprint);
        return new HttpClientTransport(new System.Net.Http.HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => IsPinnedCertificate(certificate, thumbprint),
        });
    }

    private static string Normalize(string? thumbprint) =>
        (thumbprint ?? string.Empty).Replace(" ", string.Empty).Replace(":", string.Empty).Trim().ToUpperInvariant();

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!Uri.IsHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

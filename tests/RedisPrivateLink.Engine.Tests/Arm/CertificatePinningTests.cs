using System;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RedisPrivateLink.Engine.Arm;
using Xunit;

namespace RedisPrivateLink.Engine.Tests.Arm;

public class CertificatePinningTests
{
    [Fact]
    public void AcceptsOnlyTheCertificateWithThePinnedThumbprint()
    {
        using var pinned = SelfSigned("CN=127.0.0.1");
        using var other = SelfSigned("CN=127.0.0.1");

        Assert.True(CertificatePinning.IsPinnedCertificate(pinned, pinned.Thumbprint.ToLowerInvariant()));
        Assert.True(CertificatePinning.IsPinnedCertificate(pinned, pinned.Thumbprint));
        Assert.False(CertificatePinning.IsPinnedCertificate(other, pinned.Thumbprint));
        Assert.False(CertificatePinning.IsPinnedCertificate(null, pinned.Thumbprint));
        Assert.False(CertificatePinning.IsPinnedCertificate(pinned, string.Empty));
        Assert.False(CertificatePinning.IsPinnedCertificate(pinned, pinned.Thumbprint.Substring(0, 20)));
    }

    [Fact]
    public void ThumbprintsMustBeFortyHexDigits()
    {
        Assert.Equal("AB12AB12AB12AB12AB12AB12AB12AB12AB12AB12", CertificatePinning.NormalizeThumbprint("ab:12:ab:12:ab:12:ab:12:ab:12:ab:12:ab:12:ab:12:ab:12:ab:12"));
        Assert.Throws<FormatException>(() => CertificatePinning.NormalizeThumbprint("not-a-thumbprint"));
        Assert.Throws<FormatException>(() => CertificatePinning.NormalizeThumbprint(new string('z', 40)));
    }

    private static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }
}

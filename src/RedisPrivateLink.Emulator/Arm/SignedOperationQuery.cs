using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RedisPrivateLink.Emulator.Arm;

/// <summary>
/// The opaque tail ARM signs Microsoft.Cache operation URLs with (see the 2024-11-01 create in shared/recordings):
/// t (ticks), c (a ~2.5 KB certificate), s (a signature) and h (a hash), all base64url. Clients must keep the URL as
/// given, so the emulator makes it just as long. It is derived from the operation and the time, so both headers of
/// one answer carry the same URL; the poll handler reads only the path.
/// </summary>
internal static class SignedOperationQuery
{
    private const int CertificateBytes = 1932;
    private const int SignatureBytes = 256;
    private const int HashBytes = 32;

    public static string For(string operationId, DateTimeOffset now)
    {
        var ticks = now.UtcTicks.ToString(CultureInfo.InvariantCulture);
        return $"&t={ticks}&c={Opaque($"c:{operationId}", CertificateBytes)}&s={Opaque($"s:{operationId}:{ticks}", SignatureBytes)}" +
               $"&h={Opaque($"h:{operationId}:{ticks}", HashBytes)}";
    }

    /// <summary>Deterministic bytes: SHA-256 of the seed and a counter, concatenated, base64url without padding.</summary>
    private static string Opaque(string seed, int length)
    {
        var bytes = new byte[length];
        for (var block = 0; block * 32 < length; block++)
        {
            var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{block.ToString(CultureInfo.InvariantCulture)}"));
            digest.AsSpan(0, Math.Min(32, length - (block * 32))).CopyTo(bytes.AsSpan(block * 32));
        }

        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}

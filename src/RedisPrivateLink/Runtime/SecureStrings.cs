using System.Net;
using System.Security;

namespace RedisPrivateLink.Runtime;

/// <summary>Reads a SecureString parameter for the engine, which needs the value itself (a SAS URI sent to Azure).</summary>
internal static class SecureStrings
{
    public static string Reveal(SecureString value) => new NetworkCredential(string.Empty, value).Password;
}

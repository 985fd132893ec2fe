using System.Text.RegularExpressions;

namespace RedisPrivateLink.Emulator.Control;

/// <summary>
/// Takes secrets out of a query string before it is logged: a SAS signature (sig) and the other parameters that carry
/// credentials in Azure URLs. The parameters stay, so the log still shows what was asked.
/// </summary>
internal static partial class QueryRedaction
{
    public const string Redacted = "REDACTED";

    public static string Redact(string query) => SecretParameter().Replace(query, match => $"{match.Groups["name"].Value}={Redacted}");

    [GeneratedRegex(@"(?<=[?&])(?<name>sig|signature|code|key|token|access_token|client_secret|password|secret)=[^&]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameter();
}

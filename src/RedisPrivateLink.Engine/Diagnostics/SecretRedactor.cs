using System;
using System.Text.RegularExpressions;

namespace RedisPrivateLink.Engine.Diagnostics;

/// <summary>
/// Removes secrets from text before it reaches verbose, debug or error output: access keys, passwords, client secrets,
/// tokens and connection strings in JSON bodies, SAS signatures and tokens in URLs, and Authorization headers.
/// </summary>
public static class SecretRedactor
{
    public const string Redacted = "***REDACTED***";

    private static readonly Regex JsonSecretProperty = new(
        "(\"(?:primaryKey|secondaryKey|accessKey|key1|key2|password|clientSecret|client_secret|secret|[^\"]*connection-?string[^\"]*|sasToken|sasUri|sharedAccessSignature|accessToken|access_token|refresh_token|id_token|token)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex StorageKeyValue = new(
        "(\"keyName\"\\s*:\\s*\"[^\"]*\"\\s*,\\s*\"value\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex SecretQueryParameter = new(
        // A JSON body escapes '&' as \u0026, so a SAS inside one has its parameters after that instead.
        "((?:[?&]|\\\\u0026)(?:sig|sas|token|access_token|code|client_secret|password)=)[^&#\"'\\s\\\\]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // Storage connection strings inside any value (Redis persistence settings, for one): the key, and a SAS form.
    private static readonly Regex ConnectionStringSecret = new(
        "((?:AccountKey|SharedAccessSignature|SharedAccessKey)=)[^;\"\\s]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex AuthorizationHeader = new(
        "(Authorization\\s*[:=]\\s*)(?:Bearer|Basic|SharedKey)?\\s*[^\\r\\n,;\"]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>Redacts every secret this helper knows in <paramref name="text"/> (JSON, URLs, header dumps).</summary>
    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        var result = JsonSecretProperty.Replace(text, "$1\"" + Redacted + "\"");
        result = StorageKeyValue.Replace(result, "$1\"" + Redacted + "\"");
        result = SecretQueryParameter.Replace(result, "$1" + Redacted);
        result = ConnectionStringSecret.Replace(result, "$1" + Redacted);
        return AuthorizationHeader.Replace(result, "$1" + Redacted);
    }

    /// <summary>The value to show for a header: Authorization and other credentials redacted, anything else as is.</summary>
    public static string RedactHeader(string name, string value) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("x-ms-authorization-auxiliary", StringComparison.OrdinalIgnoreCase)
            ? Redacted
            : Redact(value);

    /// <summary>
    /// A URL fit for a verbose line: the path and only the api-version of the query. ARM's async-operation URLs carry
    /// kilobytes of signed query string, which says nothing to a user and may be a capability.
    /// </summary>
    public static string DescribeUri(Uri uri)
    {
        var path = uri.AbsolutePath;
        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("api-version=", StringComparison.OrdinalIgnoreCase))
            {
                return path + "?" + pair;
            }
        }

        return path;
    }
}

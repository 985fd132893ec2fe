using System;
using System.Collections.Generic;
using System.Globalization;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// The blob container an export writes to and an import reads from: a SAS URI, or with managed identity access a plain
/// container URL (a firewalled storage account refuses SAS access from the cache). The SAS is a secret: only
/// <see cref="DisplayName"/> (the URI without its query) is ever put in a message, a notice or a step description; the
/// SAS's start and end times are not secret and may be.
/// </summary>
internal sealed class MigrationStorageContainer
{
    /// <summary>The export/import body property that asks Azure to reach storage with the cache's managed identity (2022-06-01 and later).</summary>
    public const string AuthMethodProperty = "preferred-data-archive-auth-method";

    private readonly Uri _uri;

    private MigrationStorageContainer(Uri uri, bool usesManagedIdentity)
    {
        _uri = uri;
        UsesManagedIdentity = usesManagedIdentity;
        SasStartsOn = QueryTime(uri.Query, "st");
        SasExpiresOn = QueryTime(uri.Query, "se");
    }

    /// <summary>The container's URL without the SAS, for messages.</summary>
    public string DisplayName => _uri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>The URI exactly as given (a re-escaped query would no longer match its signature), for the export's container.</summary>
    public string SasUri => _uri.OriginalString;

    /// <summary>True when the cache reaches storage with its managed identity (-StorageAuthentication ManagedIdentity) rather than the SAS.</summary>
    public bool UsesManagedIdentity { get; }

    /// <summary>The SAS's signed start (st), when it has one.</summary>
    public DateTimeOffset? SasStartsOn { get; }

    /// <summary>The SAS's signed expiry (se); null when a stored access policy holds it, or with no SAS.</summary>
    public DateTimeOffset? SasExpiresOn { get; }

    /// <summary>The URL of the blob named <paramref name="prefix"/> in the container, with the SAS as given, for the import's files.</summary>
    public string BlobSasUri(string prefix)
    {
        var query = SasUri.IndexOf('?');
        return $"{DisplayName}/{Uri.EscapeDataString(prefix)}{(query < 0 ? string.Empty : SasUri.Substring(query))}";
    }

    /// <summary>The blob's URL without the SAS, for messages.</summary>
    public string BlobDisplayName(string prefix) => $"{DisplayName}/{prefix}";

    /// <summary>An export or import body with the authentication property added when the managed identity is to be used; SAS is Azure's default.</summary>
    public Dictionary<string, object> Body(params (string Name, object Value)[] properties)
    {
        var body = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in properties)
        {
            body[name] = value;
        }

        if (UsesManagedIdentity)
        {
            body[AuthMethodProperty] = MigrationStorageAuthentication.ManagedIdentity;
        }

        return body;
    }

    /// <summary>
    /// An https URI; with SAS authentication it must carry a signature. The message names what is wrong without
    /// echoing the query.
    /// </summary>
    public static MigrationStorageContainer Parse(string text, bool usesManagedIdentity)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || !string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("it is not an absolute https:// URI");
        }

        if (!usesManagedIdentity && QueryValue(uri.Query, "sig") is null)
        {
            throw Invalid($"the URI of '{uri.GetLeftPart(UriPartial.Path)}' has no SAS signature (sig=); give a SAS URI, or -StorageAuthentication ManagedIdentity when the cache's identity has access to the storage account");
        }

        return new MigrationStorageContainer(uri, usesManagedIdentity);
    }

    private static string? QueryValue(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var separator = pair.IndexOf('=');
            if (separator > 0 && separator < pair.Length - 1 && string.Equals(pair.Substring(0, separator), name, StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair.Substring(separator + 1));
            }
        }

        return null;
    }

    /// <summary>A SAS time: ISO 8601 in UTC, or a date alone (its midnight). An unreadable one counts as absent: Azure judges it.</summary>
    private static DateTimeOffset? QueryTime(string query, string name) =>
        QueryValue(query, name) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;

    private static ValidationException Invalid(string reason) =>
        new(WorkflowErrorIds.InvalidStorageContainerUri, "StorageContainerUri",
            $"-StorageContainerUri is not a usable blob container URI: {reason}. Give the container's https URL with a SAS token that allows read, write and list (for example https://account.blob.core.windows.net/container?sv=...&sig=...).");
}

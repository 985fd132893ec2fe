using System;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// The blob container an export writes to and an import reads from, given as a SAS URI. The SAS is a secret: only
/// <see cref="DisplayName"/> (the URI without its query) is ever put in a message, a notice or a step description.
/// </summary>
internal sealed class MigrationStorageContainer
{
    private readonly Uri _uri;

    private MigrationStorageContainer(Uri uri) => _uri = uri;

    /// <summary>The container's URL without the SAS, for messages.</summary>
    public string DisplayName => _uri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>The SAS URI exactly as given (a re-escaped query would no longer match its signature), for the export's container.</summary>
    public string SasUri => _uri.OriginalString;

    /// <summary>The URL of the blob named <paramref name="prefix"/> in the container, with the SAS as given, for the import's files.</summary>
    public string BlobSasUri(string prefix) => $"{DisplayName}/{Uri.EscapeDataString(prefix)}{SasUri.Substring(SasUri.IndexOf('?'))}";

    /// <summary>The blob's URL without the SAS, for messages.</summary>
    public string BlobDisplayName(string prefix) => $"{DisplayName}/{prefix}";

    /// <summary>An https URI with a signature; the message names what is wrong without echoing the query.</summary>
    public static MigrationStorageContainer Parse(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || !string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("it is not an absolute https:// URI");
        }

        if (!HasSignature(uri.Query))
        {
            throw Invalid($"the URI of '{uri.GetLeftPart(UriPartial.Path)}' has no SAS signature (sig=)");
        }

        return new MigrationStorageContainer(uri);
    }

    private static bool HasSignature(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("sig=", StringComparison.OrdinalIgnoreCase) && pair.Length > "sig=".Length)
            {
                return true;
            }
        }

        return false;
    }

    private static ValidationException Invalid(string reason) =>
        new(WorkflowErrorIds.InvalidStorageContainerUri, "StorageContainerUri",
            $"-StorageContainerUri is not a usable blob container SAS URI: {reason}. Give the container's https URL with a SAS token that allows read, write and list (for example https://account.blob.core.windows.net/container?sv=...&sig=...).");
}

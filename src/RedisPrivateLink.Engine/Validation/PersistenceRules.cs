using System;
using System.Collections.Generic;
using System.Linq;

namespace RedisPrivateLink.Engine.Validation;

/// <summary>
/// Reads which storage accounts a Premium cache's persistence settings write to, so their firewalls can be checked.
/// Connection strings hold account keys or SAS tokens: no message here ever includes a connection string or any part
/// of one other than the account name.
/// </summary>
public static class PersistenceRules
{
    public static readonly IReadOnlyList<string> StorageConnectionStringKeys = Array.AsReadOnly(new[]
    {
        "rdb-storage-connection-string",
        "aof-storage-connection-string-0",
        "aof-storage-connection-string-1",
    });

    /// <summary>The accounts referenced by the rdb/aof connection strings, one per key present, in key order.</summary>
    public static IReadOnlyList<StorageAccountReference> GetStorageAccounts(
        IReadOnlyDictionary<string, string>? redisConfiguration,
        string parameterName = "RedisConfiguration")
    {
        var accounts = new List<StorageAccountReference>();
        if (redisConfiguration is null)
        {
            return accounts;
        }

        foreach (var configurationKey in StorageConnectionStringKeys)
        {
            var entry = redisConfiguration.FirstOrDefault(e => string.Equals(e.Key, configurationKey, StringComparison.OrdinalIgnoreCase));
            if (entry.Key is not null)
            {
                accounts.Add(ParseConnectionString(configurationKey, entry.Value, parameterName));
            }
        }

        return accounts;
    }

    private static StorageAccountReference ParseConnectionString(string configurationKey, string? connectionString, string parameterName)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (connectionString ?? string.Empty).Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            // Split at the first '=' only: base64 account keys end in '='.
            var equals = part.IndexOf('=');
            if (equals > 0)
            {
                settings[part.Substring(0, equals).Trim()] = part.Substring(equals + 1).Trim();
            }
        }

        settings.TryGetValue("EndpointSuffix", out var endpointSuffix);
        var accountName = settings.TryGetValue("AccountName", out var named) ? named : AccountFromBlobEndpoint(settings);
        if (accountName is null)
        {
            throw new ValidationException(ValidationErrorIds.InvalidPersistenceConnectionString, parameterName,
                $"The value of redisConfiguration key '{configurationKey}' is not a storage connection string with an AccountName (expected DefaultEndpointsProtocol=https;AccountName=<account>;AccountKey=<key>;EndpointSuffix=core.windows.net). Give the storage account's connection string.");
        }

        // The name is not echoed: a connection string missing a ';' would put the key inside the "name".
        if (!IsValidStorageAccountName(accountName))
        {
            throw new ValidationException(ValidationErrorIds.InvalidPersistenceConnectionString, parameterName,
                $"The connection string in redisConfiguration key '{configurationKey}' has an AccountName that is not a valid storage account name (3-24 lowercase letters and digits). Give the storage account's connection string.");
        }

        return new StorageAccountReference(configurationKey, accountName, string.IsNullOrEmpty(endpointSuffix) ? null : endpointSuffix);
    }

    /// <summary>SAS connection strings name the account only in BlobEndpoint=https://account.blob.suffix/.</summary>
    private static string? AccountFromBlobEndpoint(Dictionary<string, string> settings)
    {
        if (!settings.TryGetValue("BlobEndpoint", out var endpoint)
            || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var host = uri.Host;
        var dot = host.IndexOf('.');
        return dot > 0 ? host.Substring(0, dot) : null;
    }

    private static bool IsValidStorageAccountName(string name) =>
        name.Length is >= 3 and <= 24 && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9');
}

using System;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// How the caches reach the export's storage account: SAS (Azure's default) or ManagedIdentity, which Azure needs when
/// the storage account's firewall denies public access (the cache's identity must hold Storage Blob Data Contributor).
/// </summary>
public static class MigrationStorageAuthentication
{
    public const string Sas = "SAS";
    public const string ManagedIdentity = "ManagedIdentity";

    /// <summary>The role each cache's identity needs on the storage account to write the export and read it back.</summary>
    public const string RequiredRole = "Storage Blob Data Contributor";

    /// <summary>True for ManagedIdentity, false for SAS or nothing given.</summary>
    internal static bool UsesManagedIdentity(string? value)
    {
        if (value is null || string.Equals(value, Sas, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return string.Equals(value, ManagedIdentity, StringComparison.OrdinalIgnoreCase)
            ? true
            : throw new ValidationException(WorkflowErrorIds.InvalidStorageAuthentication, "StorageAuthentication",
                $"Storage authentication '{value}' is not valid. Use SAS (the container URI's SAS token) or ManagedIdentity (the caches' managed identities, for a storage account behind a firewall).");
    }
}

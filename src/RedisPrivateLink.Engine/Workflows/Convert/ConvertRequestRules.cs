using System.Collections.Generic;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Convert-VNetCacheToPrivateEndpoint's rules for the request itself — strategy, data migration, subnet — checked before
/// any read, and the storage identity rule checked once the source is read.
/// </summary>
internal static class ConvertRequestRules
{
    /// <summary>Azure's limit on a Managed Redis cluster's name (the classic limit is 63).</summary>
    private const int MaxManagedRedisNameLength = 60;

    public static void ValidateStrategy(ConvertVNetCacheRequest request, ConvertTargetSku? targetSku)
    {
        if (targetSku is not null && request.ReuseName)
        {
            throw new ValidationException(WorkflowErrorIds.ReuseNameWithTargetSku, "ReuseName",
                "-ReuseName keeps a classic cache's host name by deleting the source first, but an Azure Managed Redis cache has another host name (<name>.<region>.redis.azure.net, port 10000) whatever its name, so the downtime would buy nothing. Use -NewName with -TargetSku (it may even be the source's own name: Managed Redis names are a separate namespace) to migrate side by side without downtime.");
        }

        if (targetSku is null && request.EnableAccessKeysAuthentication)
        {
            throw new ValidationException(WorkflowErrorIds.AccessKeysWithoutTargetSku, "EnableAccessKeysAuthentication",
                "-EnableAccessKeysAuthentication is for an Azure Managed Redis target (-TargetSku), whose database accepts only Microsoft Entra ID unless asked; a classic target has access keys like its source. Give -TargetSku, or leave -EnableAccessKeysAuthentication out.");
        }

        var hasNewName = !string.IsNullOrWhiteSpace(request.NewName);
        if (hasNewName == request.ReuseName)
        {
            throw new ValidationException(WorkflowErrorIds.ConflictingMigrationStrategy, hasNewName ? "ReuseName" : "NewName",
                hasNewName
                    ? "-NewName and -ReuseName are two different strategies. Give -NewName to migrate side by side (no downtime, the host name changes), or -ReuseName to keep the host name (export, delete, recreate; downtime)."
                    : "Choose a strategy: -NewName <name> to migrate side by side (no downtime, the host name changes), or -ReuseName to keep the host name (export, delete, recreate; downtime).");
        }

        if (request.ReuseName && request.KeepSource)
        {
            throw new ValidationException(WorkflowErrorIds.ConflictingMigrationStrategy, "KeepSource",
                "-ReuseName recreates the cache under its own name, which needs the source deleted, so -KeepSource cannot be given with it. Use -NewName to keep the source.");
        }

        if (hasNewName)
        {
            NameRules.ValidateCacheName(request.NewName, "NewName");
            if (targetSku is not null && request.NewName!.Length > MaxManagedRedisNameLength)
            {
                throw new ValidationException(ValidationErrorIds.InvalidCacheName, "NewName",
                    $"Cache name '{request.NewName}' is {request.NewName.Length} characters long, and an Azure Managed Redis cache name has at most {MaxManagedRedisNameLength}. Choose a shorter -NewName.");
            }
        }
    }

    public static MigrationStorageContainer? ValidateDataMigration(ConvertVNetCacheRequest request, ResourceId sourceId, ConvertTargetSku? targetSku)
    {
        var dataMigration = ConvertDataMigration.Resolve(request.DataMigration, request.KeepSource, sourceId.Name);
        var usesManagedIdentity = MigrationStorageAuthentication.UsesManagedIdentity(request.StorageAuthentication);
        if (dataMigration == ConvertDataMigration.None)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(request.StorageContainerUri))
        {
            throw new ValidationException(WorkflowErrorIds.StorageContainerUriRequired, "StorageContainerUri",
                "-DataMigration ExportImport moves the data through a blob container: give -StorageContainerUri, the container's SAS URI (read, write and list) or with -StorageAuthentication ManagedIdentity its URL, or use -DataMigration None.");
        }

        if (usesManagedIdentity && targetSku is not null)
        {
            throw new ValidationException(WorkflowErrorIds.ManagedIdentityStorageWithTargetSku, "StorageAuthentication",
                "-StorageAuthentication ManagedIdentity is for a classic target: the Azure Managed Redis database import takes the export's blobs as SAS URIs only. Give -StorageContainerUri with a SAS and -StorageAuthentication SAS, or migrate to a classic cache without -TargetSku.");
        }

        return MigrationStorageContainer.Parse(request.StorageContainerUri!, usesManagedIdentity);
    }

    /// <summary>
    /// With managed identity access the source exports and the target imports with their own identities, so the source
    /// must have one (the target asks for the same); granting the storage role is the user's, never this module's.
    /// </summary>
    public static void RequireStorageIdentity(ConvertMigration migration, MigrationSource source, ICollection<string> notices)
    {
        var container = migration.Container;
        if (container is null || !container.UsesManagedIdentity)
        {
            return;
        }

        if (!source.HasIdentity)
        {
            throw new ValidationException(WorkflowErrorIds.StorageIdentityMissing, "StorageAuthentication",
                $"-StorageAuthentication ManagedIdentity exports with the managed identity of cache '{migration.SourceId.Name}', which has none. Give it one (system- or user-assigned) and grant that identity the '{MigrationStorageAuthentication.RequiredRole}' role on the storage account of '{container.DisplayName}', or use a SAS (-StorageAuthentication SAS).");
        }

        notices.Add($"-StorageAuthentication ManagedIdentity: cache '{migration.SourceId.Name}' exports to '{container.DisplayName}' and cache '{migration.TargetId.Name}' imports from it with their managed identities, each of which needs the '{MigrationStorageAuthentication.RequiredRole}' role on the storage account (this command grants no roles). "
            + (source.HasSystemAssignedIdentity
                ? $"'{migration.TargetId.Name}' gets a new system-assigned identity: grant it the role once the cache exists; if the import fails for lack of it, grant it and run the same command again."
                : $"'{migration.TargetId.Name}' gets the source's user-assigned identities, so the role granted to them serves both."));
    }

    public static void ValidateSubnetParameters(ConvertVNetCacheRequest request)
    {
        var hasSubnetId = !string.IsNullOrWhiteSpace(request.SubnetId);
        var hasSubnetName = !string.IsNullOrWhiteSpace(request.SubnetName);
        if (hasSubnetId && (hasSubnetName || !string.IsNullOrWhiteSpace(request.SubnetPrefix) || request.PrivateEndpointNetworkPolicy is not null))
        {
            throw new ValidationException(WorkflowErrorIds.ConflictingNetworkParameters, "SubnetId",
                "-SubnetId names the endpoint's subnet already, so -SubnetName, -SubnetPrefix and -PrivateEndpointNetworkPolicy cannot be given with it (an existing subnet's policies are never changed). Give either -SubnetId, or -SubnetName (with -SubnetPrefix to create it) in the cache's virtual network.");
        }

        if (!hasSubnetId && !hasSubnetName)
        {
            throw new ValidationException(WorkflowErrorIds.NetworkNotSpecified, "SubnetId",
                "The private endpoint needs a subnet other than the one the cache is injected into (that one may hold only caches). Give -SubnetId of an existing subnet, or -SubnetName and -SubnetPrefix to create one in the cache's virtual network.");
        }
    }
}

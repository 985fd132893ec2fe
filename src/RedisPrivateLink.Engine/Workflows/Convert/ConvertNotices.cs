using System.Collections.Generic;
using System.Linq;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>What Convert-VNetCacheToPrivateEndpoint tells before it runs a classic target's plan: the client changes, the data, what is not copied.</summary>
internal static class ConvertNotices
{
    public static void Add(ICollection<string> notices, ConvertVNetCacheRequest request, ConvertMigration migration, MigrationSource? source, ArmResource? target, bool fromRecord)
    {
        var sourceName = migration.SourceId.Name;
        if (fromRecord)
        {
            notices.Add($"The source '{sourceName}' is already deleted and its replacement not yet created: the plan creates it from the configuration an earlier run recorded on resource group '{migration.TargetId.ResourceGroupName}'.");
            return;
        }

        if (source is null)
        {
            notices.Add($"The source '{sourceName}' is already deleted and cache '{migration.TargetId.Name}' exists (migration stage '{MigrationStages.Text(MigrationTags.StageOf(target))}'): the plan continues from there.");
            return;
        }

        if (!request.ReuseName)
        {
            var host = source.Cache.Properties?.HostName ?? sourceName;
            var suffix = host.Length > sourceName.Length ? host.Substring(sourceName.Length) : string.Empty;
            notices.Add($"Clients must switch from host name '{host}' to '{migration.TargetId.Name}{suffix}', with the new cache's access keys; the source keeps serving until then{(request.KeepSource ? " (-KeepSource leaves it in place)" : " and is deleted once the target is verified")}.");
        }
        else
        {
            notices.Add($"-ReuseName keeps the host name but the cache is unavailable from its deletion until the new cache '{sourceName}' is created, which takes 15-30 minutes or more while Azure holds the deleted cache's name; clients need the new cache's access keys.");
        }

        if (migration.Container is null && MigrationTags.StageOf(target) >= MigrationStage.Verified)
        {
            // A -KeepSource run finished earlier: whatever data was to move has moved; this run only deletes, if asked.
            notices.Add($"Cache '{migration.TargetId.Name}' was verified by an earlier run (migration stage '{MigrationStages.Text(MigrationTags.StageOf(target))}'): no data is copied now{(request.KeepSource ? string.Empty : $", and '{sourceName}' is deleted with the data it holds")}.");
        }
        else if (migration.Container is null)
        {
            notices.Add(request.ReuseName
                ? $"-DataMigration None: the data in cache '{sourceName}' is lost when it is deleted. Use -DataMigration ExportImport with -StorageContainerUri to keep it."
                : $"-DataMigration None: cache '{migration.TargetId.Name}' starts empty; the data in '{sourceName}' is not copied.");
        }

        if (request.ReuseName && source.Settings.Count > 0 && source.SettingsTags.Count == 0)
        {
            notices.Add($"Cache '{sourceName}' has too many firewall rules and tags for the migration to carry its settings in tags across the deletion: if this run stops between creating the new cache and copying them, they must be re-created by hand.");
        }

        if (source.SecretConfigurationKeys.Count > 0)
        {
            notices.Add($"redisConfiguration {string.Join(", ", source.SecretConfigurationKeys.Select(k => "'" + k + "'"))} hold storage connection strings, which Azure never returns: they are not copied, and neither are {string.Join(", ", source.UncopiedConfigurationKeys.Except(source.SecretConfigurationKeys).Select(k => "'" + k + "'"))}. Re-supply them on cache '{migration.TargetId.Name}' to enable persistence again.");
        }

        if (source.HasSystemAssignedIdentity)
        {
            notices.Add($"Cache '{migration.TargetId.Name}' gets a new system-assigned identity: grant it the roles the source's identity had.");
        }

        notices.Add($"Not copied: the static IP in subnet '{source.InjectedSubnetId.Name}' (the target has no subnet and answers on its private endpoint), the access keys (the target has its own), and role assignments on the cache.");
    }
}

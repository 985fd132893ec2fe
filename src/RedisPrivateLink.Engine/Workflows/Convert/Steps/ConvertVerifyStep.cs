using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Proves the target serves before anything deletes the source: the cache Succeeded (a Managed Redis cluster: and
/// Running, with its database) with public access Disabled, its private endpoint's connection Approved, the zone's A
/// record (the cache name; &lt;name&gt;.&lt;region&gt; for Managed Redis) pointing at the endpoint's address, and, when data
/// moves, the import finished. Only then is the stage recorded as verified.
/// </summary>
internal static class ConvertVerifyStep
{
    public static PlanStep Create(IArmGateway arm, ConvertMigration migration, ResourceId endpointId, ResourceId zoneId, IEnumerable<string> dependsOn)
    {
        var description = $"Verify cache '{migration.TargetId.Name}': Succeeded, private endpoint '{endpointId.Name}' Approved, A record in '{zoneId.Name}'{(migration.MovesData ? ", data imported" : string.Empty)}";
        return new PlanStep(ConvertStepKeys.VerifyTarget, "Verify", migration.TargetId.ToString(), description, dependsOn, async (_, ct) =>
        {
            var problems = await FindProblemsAsync(arm, migration, endpointId, zoneId, ct).ConfigureAwait(false);
            if (problems.Count > 0)
            {
                throw new RedisPrivateLinkException(WorkflowErrorIds.MigrationTargetNotVerified, RedisPrivateLinkErrorCategory.InvalidOperation,
                    $"Cache '{migration.TargetId.Name}' is not ready to replace '{migration.SourceId.Name}': {string.Join("; ", problems)}. The source was not deleted; run the same command again to continue.",
                    migration.TargetId.ToString());
            }

            await MigrationTags.RecordAsync(arm, migration.TargetId, MigrationStage.Verified, ct).ConfigureAwait(false);
            return StepResult.Unchanged("verified");
        }).Requires(ArmPermission.Write(migration.TargetId));
    }

    private static async Task<List<string>> FindProblemsAsync(IArmGateway arm, ConvertMigration migration, ResourceId endpointId, ResourceId zoneId, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var kind = migration.TargetKind;
        var target = await kind.ReadAsync(arm, migration.TargetId, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            problems.Add("it does not exist");
            return problems;
        }

        if (!string.Equals(target.ProvisioningState, "Succeeded", StringComparison.OrdinalIgnoreCase) || !target.IsIdle)
        {
            problems.Add($"its provisioning state is {target.DescribeState()}");
        }

        if (!string.Equals(target.StatedPublicNetworkAccess, "Disabled", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"its public network access is {target.StatedPublicNetworkAccess ?? "not set"}");
        }

        if (kind == CacheKind.ManagedRedis)
        {
            var database = await arm.GetAsync<ManagedRedisDatabase>(ManagedRedisCacheKind.DatabaseId(migration.TargetId), cancellationToken).ConfigureAwait(false);
            if (!string.Equals(database?.Properties?.ProvisioningState, "Succeeded", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(database is null
                    ? $"its database '{ManagedRedisCacheKind.DatabaseName}' does not exist"
                    : $"its database '{ManagedRedisCacheKind.DatabaseName}' is {database.Properties?.ProvisioningState ?? "unknown"}");
            }
        }

        if (migration.MovesData && MigrationTags.StageOf(target.Resource as ArmResource) < MigrationStage.Imported)
        {
            problems.Add("the data has not been imported");
        }

        var endpoint = await arm.GetAsync<PrivateEndpoint>(endpointId, cancellationToken).ConfigureAwait(false);
        var status = endpoint is null ? null : PrivateEndpoints.Connections(endpoint).Select(c => c.Properties?.PrivateLinkServiceConnectionState?.Status).FirstOrDefault();
        if (!string.Equals(status, "Approved", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(endpoint is null ? $"private endpoint '{endpointId.Name}' does not exist" : $"the connection of private endpoint '{endpointId.Name}' is {status ?? "unknown"}");
            return problems;
        }

        var addresses = (endpoint!.Properties?.CustomDnsConfigs ?? new List<CustomDnsConfig>()).SelectMany(c => c.IpAddresses ?? new List<string>()).ToList();
        var recordName = kind.RecordName(migration.TargetId.Name, target.HostName, target.Location);
        var record = await arm.GetAsync<ARecordSet>(zoneId.Child("A", recordName), cancellationToken).ConfigureAwait(false);
        var recorded = (record?.Properties?.ARecords ?? new List<ARecord>()).Select(a => a.Ipv4Address).OfType<string>().ToList();
        if (addresses.Count == 0 || !addresses.Any(recorded.Contains))
        {
            problems.Add(recorded.Count == 0
                ? $"private DNS zone '{zoneId.Name}' has no A record '{recordName}'"
                : $"the A record '{recordName}' points at {string.Join(", ", recorded)}, not at the endpoint's {string.Join(", ", addresses)}");
        }

        return problems;
    }
}

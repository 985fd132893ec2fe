using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Gives the endpoint its DNS zone group, which keeps the A record named after the cache in the zone. An endpoint
/// holds at most one group, so an existing group of any name is reused as it is, or sent again when it is Failed.
/// </summary>
internal static class DnsZoneGroupStep
{
    public const string GroupName = "default";

    /// <param name="existingGroupName">The endpoint's zone group as validation found it, or null when it has none yet.</param>
    /// <param name="failedState">The existing group's provisioning state when an earlier write left it Failed, for the description; else null.</param>
    /// <param name="groupKnownMissing">The endpoint step has just created the endpoint from nothing, so it has no group to look for.</param>
    public static PlanStep Create(IArmGateway arm, ResourceId endpointId, ResourceId zoneId, string? existingGroupName, CacheReadiness readiness, IEnumerable<string> dependsOn, string? failedState = null, bool groupKnownMissing = false)
    {
        var groupId = endpointId.Child("privateDnsZoneGroups", existingGroupName ?? GroupName);
        var description = existingGroupName is null
            ? $"Register private endpoint '{endpointId.Name}' in private DNS zone '{zoneId.Name}' (DNS zone group '{GroupName}')"
            : failedState is not null
            ? StepVerbs.Resend($"DNS zone group '{existingGroupName}' of private endpoint '{endpointId.Name}' (private DNS zone '{zoneId.Name}')", failedState)
            : $"Use DNS zone group '{existingGroupName}' of private endpoint '{endpointId.Name}'";
        return new PlanStep(StepKeys.DnsZoneGroup, StepVerbs.Action(existingGroupName is not null, failedState), groupId.ToString(), description, dependsOn,
            (_, ct) => readiness.IsReady ? EnsureAsync(arm, endpointId, groupId, zoneId, groupKnownMissing, ct) : Task.FromResult(StepResult.Skipped(CacheReadiness.NotReadyMessage)))
        {
            Writes = existingGroupName is null || failedState is not null ? new PlannedWrite(groupId, Definition(zoneId)) : null,
        }.Requires(existingGroupName is not null && failedState is null
                ? new ArmPermission[0]
                : new[] { ArmPermission.Write(groupId), ArmPermission.Join(zoneId) });
    }

    /// <summary>
    /// The zone group of any name (an endpoint has at most one) of an endpoint known to exist — preparation has just
    /// read it, or the plan's endpoint step ran first — or null; listing the groups of a missing endpoint answers 404.
    /// </summary>
    public static async Task<PrivateDnsZoneGroup?> FindAsync(IArmGateway arm, ResourceId endpointId, CancellationToken cancellationToken)
    {
        var groups = await arm.ListAsync<PrivateDnsZoneGroup>(endpointId + "/privateDnsZoneGroups", cancellationToken).ConfigureAwait(false);
        return groups.FirstOrDefault();
    }

    private static async Task<StepResult> EnsureAsync(IArmGateway arm, ResourceId endpointId, ResourceId groupId, ResourceId zoneId, bool knownMissing, CancellationToken cancellationToken)
    {
        var existing = knownMissing ? null : await FindAsync(arm, endpointId, cancellationToken).ConfigureAwait(false);
        var state = existing?.Properties?.ProvisioningState;
        if (existing is not null && !FailedProvisioning.IsFailed(state))
        {
            var zones = ZonesOf(existing);
            return zones.Any(z => ResourceId.TryParse(z, out var id) && id == zoneId)
                ? StepResult.Reused()
                : StepResult.Reused($"its zone group '{existing.Name}' registers it in {string.Join(", ", zones)}, not in '{zoneId}'; left as it is");
        }

        var group = Definition(zoneId);

        // A group an earlier write left Failed (its A record never written) is sent again under its own name.
        var target = existing?.Name is { } name ? endpointId.Child("privateDnsZoneGroups", name) : groupId;
        var written = await arm.PutAsync(target, group, cancellationToken: cancellationToken).ConfigureAwait(false);
        return existing is null ? StepResult.Created(DescribeRecords(written)) : StepResult.Updated(FailedProvisioning.Resent(state, DescribeRecords(written)));
    }

    private static PrivateDnsZoneGroup Definition(ResourceId zoneId) => new()
    {
        Properties = new PrivateDnsZoneGroupProperties
        {
            PrivateDnsZoneConfigs = new List<PrivateDnsZoneConfig>
            {
                new()
                {
                    Name = zoneId.Name.Replace('.', '-'),
                    Properties = new PrivateDnsZoneConfigProperties { PrivateDnsZoneId = zoneId.ToString() },
                },
            },
        },
    };

    private static IReadOnlyList<string> ZonesOf(PrivateDnsZoneGroup group) =>
        (group.Properties?.PrivateDnsZoneConfigs ?? new List<PrivateDnsZoneConfig>())
            .Select(c => c.Properties?.PrivateDnsZoneId)
            .OfType<string>()
            .ToList();

    private static string? DescribeRecords(PrivateDnsZoneGroup group)
    {
        var records = (group.Properties?.PrivateDnsZoneConfigs ?? new List<PrivateDnsZoneConfig>())
            .SelectMany(c => c.Properties?.RecordSets ?? new List<PrivateDnsRecordSet>())
            .Select(r => $"{r.Fqdn} -> {string.Join(", ", r.IpAddresses ?? new List<string>())}")
            .ToList();
        return records.Count == 0 ? null : "A record " + string.Join("; ", records);
    }
}

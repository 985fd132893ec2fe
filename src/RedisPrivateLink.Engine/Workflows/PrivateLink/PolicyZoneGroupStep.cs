using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// -PrivateDnsZoneGroupByPolicy: the endpoint's DNS zone group is not ours to write. In landing zones a
/// DeployIfNotExists policy (such as the built-in "Configure Azure Cache for Redis to use private DNS zones") adds it,
/// pointing at the hub's zone, some minutes after the endpoint appears. This step waits for it, bounded by
/// <see cref="DefaultTimeout"/> at Azure's pace, then checks that the A record it wrote in that zone holds the
/// endpoint's address.
/// </summary>
internal static class PolicyZoneGroupStep
{
    /// <summary>
    /// How long the policy gets: Azure runs a DeployIfNotExists "after a configurable delay" (the assignment's
    /// evaluationDelay, up to 360 minutes; about 15 minutes is what users see by default), then deploys its template.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    /// <summary>How often the endpoint's zone groups are read while waiting.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    /// <summary>The policy chooses the zone and no link is made: parameters that choose either are refused with the switch.</summary>
    public static void ValidateParameters(bool byPolicy, string? privateDnsZoneId, string? privateDnsZoneResourceGroupName, string? resolutionPolicy)
    {
        if (!byPolicy)
        {
            return;
        }

        var chosen = new[] { ("PrivateDnsZoneId", privateDnsZoneId), ("PrivateDnsZoneResourceGroupName", privateDnsZoneResourceGroupName), ("ResolutionPolicy", resolutionPolicy) }
            .FirstOrDefault(p => p.Item2 is not null);
        if (chosen.Item1 is { } parameter)
        {
            throw new Validation.ValidationException(WorkflowErrorIds.PrivateDnsZoneGroupByPolicyConflict, parameter,
                $"-{parameter} chooses a private DNS zone or its link, but with -PrivateDnsZoneGroupByPolicy the DeployIfNotExists policy chooses the zone and this command makes no zone, link or zone group. Remove -{parameter}, or remove -PrivateDnsZoneGroupByPolicy to register the endpoint in a zone yourself.");
        }
    }

    public static PlanStep Create(IArmGateway arm, AzureClock clock, ResourceId endpointId, string recordName, CacheReadiness readiness, IEnumerable<string> dependsOn)
    {
        var description = $"Wait for Azure Policy to add the DNS zone group of private endpoint '{endpointId.Name}' (DeployIfNotExists; at most {DefaultTimeout.TotalMinutes:0} minutes), then check its A record '{recordName}'";
        return new PlanStep(StepKeys.DnsZoneGroup, "Wait", endpointId.ToString(), description, dependsOn,
            (step, ct) => readiness.IsReady ? WaitAsync(arm, clock, endpointId, recordName, step, ct) : Task.FromResult(StepResult.Skipped(CacheReadiness.NotReadyMessage)));
    }

    private static async Task<StepResult> WaitAsync(IArmGateway arm, AzureClock clock, ResourceId endpointId, string recordName, StepContext step, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var timeout = clock.Scale(DefaultTimeout);
        PrivateDnsZoneGroup? group;
        step.ReportStatus("Waiting for the policy's DNS zone group");
        while ((group = await DnsZoneGroupStep.FindAsync(arm, endpointId, cancellationToken).ConfigureAwait(false)) is null
               || !string.Equals(group.Properties?.ProvisioningState, "Succeeded", StringComparison.OrdinalIgnoreCase))
        {
            if (waited.Elapsed >= timeout)
            {
                throw new RedisPrivateLinkException(WorkflowErrorIds.PolicyZoneGroupNotDeployed, RedisPrivateLinkErrorCategory.ResourceUnavailable,
                    $"No DNS zone group appeared on private endpoint '{endpointId.Name}' within {DefaultTimeout.TotalMinutes:0} minutes: the DeployIfNotExists policy that -PrivateDnsZoneGroupByPolicy relies on (such as the built-in 'Configure Azure Cache for Redis to use private DNS zones') did not deploy it. Check that the policy is assigned at this endpoint's scope with its hub zone id, and its deployments in the resource group's Activity log (or start a remediation task); then run the command again, which waits again. Or run without -PrivateDnsZoneGroupByPolicy to create the zone group here.",
                    endpointId.ToString());
            }

            await Task.Delay(clock.Scale(PollInterval), cancellationToken).ConfigureAwait(false);
        }

        return StepResult.Created(await VerifyRecordAsync(arm, endpointId, group, recordName, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The A record the group wrote, in the zone it names, must hold the endpoint's private address.</summary>
    private static async Task<string> VerifyRecordAsync(IArmGateway arm, ResourceId endpointId, PrivateDnsZoneGroup group, string recordName, CancellationToken cancellationToken)
    {
        var endpoint = await arm.GetAsync<PrivateEndpoint>(endpointId, cancellationToken).ConfigureAwait(false);
        var endpointAddresses = (endpoint?.Properties?.CustomDnsConfigs ?? new List<CustomDnsConfig>()).SelectMany(c => c.IpAddresses ?? new List<string>()).ToList();
        var zones = (group.Properties?.PrivateDnsZoneConfigs ?? new List<PrivateDnsZoneConfig>())
            .Select(c => c.Properties?.PrivateDnsZoneId)
            .Where(id => ResourceId.TryParse(id, out _))
            .Select(id => ResourceId.Parse(id))
            .ToList();
        foreach (var zoneId in zones)
        {
            var record = await arm.GetAsync<ARecordSet>(zoneId.Child("A", recordName), cancellationToken).ConfigureAwait(false);
            var addresses = (record?.Properties?.ARecords ?? new List<ARecord>()).Select(a => a.Ipv4Address).OfType<string>().ToList();
            if (addresses.Count > 0 && (endpointAddresses.Count == 0 || addresses.Any(endpointAddresses.Contains)))
            {
                return $"zone group '{group.Name}' deployed by policy; {recordName}.{zoneId.Name} -> {string.Join(", ", addresses)}";
            }
        }

        throw new RedisPrivateLinkException(WorkflowErrorIds.PolicyZoneGroupRecordMismatch, RedisPrivateLinkErrorCategory.InvalidData,
            $"The DNS zone group '{group.Name}' that Azure Policy added to private endpoint '{endpointId.Name}' names {(zones.Count == 0 ? "no private DNS zone" : string.Join(", ", zones.Select(z => $"'{z}'")))}, but no A record '{recordName}' there holds the endpoint's address ({(endpointAddresses.Count == 0 ? "not known yet" : string.Join(", ", endpointAddresses))}): the policy's zone is not this cache's zone, or the record points elsewhere. Ask the hub's owner to check the policy's privateDnsZoneId parameter; clients in linked networks would not resolve the cache to this endpoint.",
            endpointId.ToString());
    }
}

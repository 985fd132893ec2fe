using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Creates the private endpoint, or reuses one of that name that already connects to the cache. An endpoint whose
/// create failed is sent the create again, so a re-run converges.
/// </summary>
internal static class PrivateEndpointStep
{
    /// <param name="failedState">The endpoint's provisioning state when an earlier create left it Failed, for the description; else null.</param>
    /// <param name="observer">
    /// For an endpoint preparation found missing in a fleet run: the PUT is sent without polling its operation and the
    /// endpoint is waited for with the run's others; null reads the endpoint again and polls its operation.
    /// </param>
    public static PlanStep Create(IArmGateway arm, EndpointDefinition endpoint, bool exists, CacheReadiness readiness, IEnumerable<string> dependsOn, string? failedState = null, PrivateEndpointFleetObserver? observer = null)
    {
        var subnet = $"subnet '{endpoint.Network.SubnetName}' of virtual network '{endpoint.Network.VirtualNetworkName}'";
        var approval = endpoint.ManualApproval ? ", manual approval" : string.Empty;
        var description = failedState is not null
            ? StepVerbs.Resend($"private endpoint '{endpoint.EndpointId.Name}' for cache '{endpoint.CacheId.Name}' in {subnet}", failedState)
            : exists
            ? $"Use private endpoint '{endpoint.EndpointId.Name}' of cache '{endpoint.CacheId.Name}'"
            : $"Create private endpoint '{endpoint.EndpointId.Name}' for cache '{endpoint.CacheId.Name}' in {subnet} ({endpoint.Network.Location}{approval})";
        return new PlanStep(StepKeys.PrivateEndpoint, StepVerbs.Action(exists, failedState), endpoint.EndpointId.ToString(), description, dependsOn,
            (step, ct) => !readiness.IsReady ? Task.FromResult(StepResult.Skipped(CacheReadiness.NotReadyMessage))
                : observer is null ? EnsureAsync(arm, endpoint, ct)
                : CreateObservedAsync(arm, observer, endpoint, step, ct))
        {
            Writes = exists && failedState is null ? null : new PlannedWrite(endpoint.EndpointId, endpoint.ToResource()),
        }.Requires(exists && failedState is null
                ? new ArmPermission[0]
                : new[] { ArmPermission.Write(endpoint.EndpointId), ArmPermission.Join(endpoint.Network.SubnetId) });
    }

    /// <summary>
    /// The create of an endpoint the run's preparation has just found missing: the PUT, then a wait among the fleet's
    /// endpoints, which frees the input's place for the next one while Azure provisions it.
    /// </summary>
    private static async Task<StepResult> CreateObservedAsync(IArmGateway arm, PrivateEndpointFleetObserver observer, EndpointDefinition endpoint, StepContext step, CancellationToken cancellationToken)
    {
        step.ReportStatus("Sending the endpoint");
        await arm.PutAsync(endpoint.EndpointId, endpoint.ToResource(), waitForCompletion: false, cancellationToken).ConfigureAwait(false);
        step.ReportStatus("Waiting for Azure to provision the endpoint");
        var created = await observer.WaitProvisionedAsync(endpoint.EndpointId, cancellationToken).ConfigureAwait(false);
        return StepResult.Created(Describe(created));
    }

    private static async Task<StepResult> EnsureAsync(IArmGateway arm, EndpointDefinition endpoint, CancellationToken cancellationToken)
    {
        var existing = await arm.GetAsync<PrivateEndpoint>(endpoint.EndpointId, cancellationToken).ConfigureAwait(false);
        if (existing is not null && !PrivateEndpoints.ConnectsTo(existing, endpoint.CacheId))
        {
            throw PrivateEndpoints.NameInUse(endpoint.EndpointId, existing, endpoint.CacheId);
        }

        if (existing is null || PrivateEndpoints.IsFailed(existing))
        {
            var created = await arm.PutAsync(endpoint.EndpointId, endpoint.ToResource(), cancellationToken: cancellationToken).ConfigureAwait(false);
            var state = Describe(created);
            return existing is null ? StepResult.Created(state) : StepResult.Updated(FailedProvisioning.Resent(existing.Properties?.ProvisioningState, state));
        }

        var subnet = existing.Properties?.Subnet?.Id;
        return ResourceId.TryParse(subnet, out var subnetId) && subnetId == endpoint.Network.SubnetId
            ? StepResult.Reused()
            : StepResult.Reused($"it is in subnet '{subnet}', not '{endpoint.Network.SubnetId}'; left as it is");
    }

    private static string Describe(PrivateEndpoint endpoint)
    {
        var status = PrivateEndpoints.Connections(endpoint).Select(c => c.Properties?.PrivateLinkServiceConnectionState?.Status).FirstOrDefault() ?? "unknown";
        var addresses = (endpoint.Properties?.CustomDnsConfigs ?? new List<CustomDnsConfig>()).SelectMany(c => c.IpAddresses ?? new List<string>()).ToList();
        return addresses.Count == 0 ? $"connection {status}" : $"connection {status}, private IP {string.Join(", ", addresses)}";
    }
}

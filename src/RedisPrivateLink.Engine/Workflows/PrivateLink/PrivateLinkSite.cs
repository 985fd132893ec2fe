using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// One private endpoint of a cache with what it needs around it — the private DNS zone, the zone's link to the
/// endpoint's virtual network, the endpoint and its DNS zone group — as New-, Add- and Convert- read it before planning
/// and add it to their plans. The FAQ's ordering rule (link the DNS zone before creating the endpoint) is
/// <see cref="AddEndpoint"/>'s dependency on the link.
/// </summary>
internal sealed class PrivateLinkSite
{
    private readonly VirtualNetworkLink? _link;
    private readonly PrivateEndpoint? _endpoint;
    private readonly PrivateDnsZoneGroup? _zoneGroup;

    private PrivateLinkSite(EndpointDefinition definition, PrivateDnsZoneTarget zone, string? resolutionPolicy, VirtualNetworkLink? link, PrivateEndpoint? endpoint, PrivateDnsZoneGroup? zoneGroup)
    {
        Definition = definition;
        Zone = zone;
        ResolutionPolicy = resolutionPolicy;
        _link = link;
        _endpoint = endpoint;
        _zoneGroup = zoneGroup;
    }

    public EndpointDefinition Definition { get; }

    public PrivateDnsZoneTarget Zone { get; }

    /// <summary>The resolution policy of a link the plan creates (null: none sent, Azure's Default).</summary>
    public string? ResolutionPolicy { get; }

    public bool EndpointExists => _endpoint is not null;

    /// <summary>
    /// Reads what is in place: the endpoint (which must connect to the cache if it exists), the zone the request
    /// chooses, that zone's link to the endpoint's virtual network, and the endpoint's zone group.
    /// </summary>
    /// <param name="endpointMayExist">False when the endpoint's resource group is missing, so the endpoint is not read.</param>
    /// <param name="reads">The gateway to read through (a fleet run's shared reads); null: the context's.</param>
    public static async Task<PrivateLinkSite> ReadAsync(
        RedisPrivateLinkContext context, EndpointDefinition definition, PrivateDnsZoneChoice zoneChoice, string? resolutionPolicy, ICollection<string> notices, CancellationToken cancellationToken, bool endpointMayExist = true, IArmGateway? reads = null)
    {
        var arm = reads ?? context.GetArmGateway();
        var endpointId = definition.EndpointId;
        var endpoint = endpointMayExist ? await arm.GetAsync<PrivateEndpoint>(endpointId, cancellationToken).ConfigureAwait(false) : null;
        if (endpoint is not null && !PrivateEndpoints.ConnectsTo(endpoint, definition.CacheId))
        {
            throw PrivateEndpoints.NameInUse(endpointId, endpoint, definition.CacheId);
        }

        var network = definition.Network;
        var zone = await PrivateDnsZoneResolver.ResolveAsync(context, zoneChoice.ZoneName, zoneChoice.ZoneId, zoneChoice.ResourceGroupName, zoneChoice.DefaultResourceGroupId, network, notices, cancellationToken, arm).ConfigureAwait(false);
        var link = await ZoneLinks.FindAsync(arm, zone, network.VirtualNetworkId, cancellationToken).ConfigureAwait(false);
        ZoneLinks.NoticeNewLinkResolution(link, zone.ZoneId.Name, network.VirtualNetworkId, resolutionPolicy, notices);
        var zoneGroup = endpoint is null ? null : await DnsZoneGroupStep.FindAsync(arm, endpointId, cancellationToken).ConfigureAwait(false);
        return new PrivateLinkSite(definition, zone, resolutionPolicy, link, endpoint, zoneGroup);
    }

    /// <summary>The zone's step, when the plan creates the zone (or sends it again); a zone the user named has none.</summary>
    public void AddZone(Plan plan, IArmGateway arm, IEnumerable<string> dependsOn)
    {
        if (Zone.ManagedByPlan)
        {
            plan.Add(PrivateDnsZoneStep.Create(arm, Zone, Definition.Tags, dependsOn));
        }
    }

    /// <summary>The zone's link to the endpoint's virtual network, after the zone's step and the network's, where the plan has them.</summary>
    public void AddZoneLink(Plan plan, IArmGateway arm, bool afterNetworkStep) =>
        plan.Add(ZoneLinkStep.Create(arm, Zone, Definition.Network.VirtualNetworkId, _link?.Name, Definition.Tags, ResolutionPolicy,
            StepKeys.Selected((Zone.ManagedByPlan, StepKeys.PrivateDnsZone), (afterNetworkStep, StepKeys.Network)), FailedProvisioning.StateIfFailed(_link?.Properties?.ProvisioningState)));

    /// <summary>
    /// The endpoint, once the zone is linked to its network (the FAQ's rule) and <paramref name="after"/> are done, then
    /// its DNS zone group.
    /// </summary>
    /// <param name="observer">
    /// Waits for a new endpoint together with a fleet's others; its step then trusts this site's read (no endpoint, so
    /// no zone group) instead of reading both again. Null: the endpoint's own operation is polled.
    /// </param>
    public void AddEndpoint(Plan plan, IArmGateway arm, CacheReadiness readiness, IEnumerable<string> after, PrivateEndpointFleetObserver? observer = null)
    {
        var observed = EndpointExists ? null : observer;
        plan.Add(PrivateEndpointStep.Create(arm, Definition, EndpointExists, readiness, new[] { StepKeys.ZoneLink }.Concat(after), FailedProvisioning.StateIfFailed(_endpoint?.Properties?.ProvisioningState), observed));
        plan.Add(DnsZoneGroupStep.Create(arm, Definition.EndpointId, Zone.ZoneId, _zoneGroup?.Name, readiness, new[] { StepKeys.PrivateEndpoint }, FailedProvisioning.StateIfFailed(_zoneGroup?.Properties?.ProvisioningState), groupKnownMissing: observed is not null));
    }

    /// <summary>
    /// -PrivateDnsZoneGroupByPolicy: the endpoint after <paramref name="after"/> only (no zone or link of ours to wait
    /// for), then the wait for the zone group a DeployIfNotExists policy adds (<see cref="PolicyZoneGroupStep"/>).
    /// </summary>
    public void AddEndpointWithPolicyZoneGroup(Plan plan, IArmGateway arm, AzureClock clock, string recordName, CacheReadiness readiness, IEnumerable<string> after)
    {
        plan.Add(PrivateEndpointStep.Create(arm, Definition, EndpointExists, readiness, after, FailedProvisioning.StateIfFailed(_endpoint?.Properties?.ProvisioningState)));
        plan.Add(PolicyZoneGroupStep.Create(arm, clock, Definition.EndpointId, recordName, readiness, new[] { StepKeys.PrivateEndpoint }));
    }
}

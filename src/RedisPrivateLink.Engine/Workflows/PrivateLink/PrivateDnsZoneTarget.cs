using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>The private DNS zone the endpoint registers in, and whether the plan creates or reuses it.</summary>
internal sealed class PrivateDnsZoneTarget
{
    public PrivateDnsZoneTarget(ResourceId zoneId, bool managedByPlan, bool exists)
    {
        ZoneId = zoneId;
        ManagedByPlan = managedByPlan;
        Exists = exists;
    }

    public ResourceId ZoneId { get; }

    /// <summary>True for the default zone, which the plan creates or reuses; false for a zone the user pointed at.</summary>
    public bool ManagedByPlan { get; }

    public bool Exists { get; }

    /// <summary>The zone's provisioning state when an earlier write left it Failed (the plan sends it again); else null.</summary>
    public string? FailedState { get; set; }

    /// <summary>
    /// The link by which the endpoint's virtual network is already linked to this zone, when the resolver chose the
    /// zone for that reason (hub and spoke: a network takes one zone of a name); else null.
    /// </summary>
    public VirtualNetworkLink? AlreadyLinkedBy { get; set; }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Context;
using RedisPrivateLink.Engine.Validation;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Picks the private DNS zone: one the user names (it must exist and carry the zone name the cache resolves in, or the
/// cache name would not resolve); else the zone of that name the endpoint's virtual network is already linked to, in
/// any resource group of any subscription the credential can see (hub and spoke: a network can be linked to one zone
/// of a name only, and a landing zone keeps it in the hub subscription); else that zone in the default resource group,
/// created when missing.
/// </summary>
internal static class PrivateDnsZoneResolver
{
    /// <param name="zoneName">The zone the cache resolves in, e.g. privatelink.redis.azure.net for Managed Redis.</param>
    /// <param name="defaultResourceGroupId">The group, with its subscription, of a zone the plan creates.</param>
    /// <param name="network">The endpoint's network, whose existing link to a zone of the name is looked for; null when no endpoint is planned.</param>
    /// <param name="notices">Where to say which subscriptions could not be searched for that link; null when no network is given.</param>
    /// <param name="reads">The gateway to read through (a fleet run's shared reads); null: the context's.</param>
    public static async Task<PrivateDnsZoneTarget> ResolveAsync(
        RedisPrivateLinkContext context, string zoneName, string? zoneIdText, string? zoneResourceGroupName, ResourceId defaultResourceGroupId, EndpointNetwork? network, ICollection<string>? notices, CancellationToken cancellationToken, IArmGateway? reads = null)
    {
        var arm = reads ?? context.GetArmGateway();
        if (zoneIdText is not null && zoneResourceGroupName is not null)
        {
            throw new ValidationException(WorkflowErrorIds.ConflictingPrivateDnsZoneParameters, "PrivateDnsZoneId",
                "-PrivateDnsZoneId names the zone already, so -PrivateDnsZoneResourceGroupName cannot be given with it. Give one of them.");
        }

        if (zoneIdText is not null)
        {
            // Hub-and-spoke keeps the zones in a connectivity subscription, so another subscription is fine here.
            var validated = ResourceIdRules.Parse(zoneIdText, ResourceIdRules.PrivateDnsZoneType, "PrivateDnsZoneId");
            if (!string.Equals(validated.Name, zoneName, StringComparison.OrdinalIgnoreCase))
            {
                throw new ValidationException(WorkflowErrorIds.WrongPrivateDnsZoneName, "PrivateDnsZoneId",
                    $"Private DNS zone '{validated.Name}' is not the zone caches resolve in on {context.Environment}: clients look the cache up in '{zoneName}'. Give the id of a zone named '{zoneName}', or leave -PrivateDnsZoneId out to create one.");
            }

            var zoneId = validated.ToResourceId();
            await SubscriptionAccess.RequireVisibleAsync(context, zoneId, "PrivateDnsZoneId", cancellationToken).ConfigureAwait(false);
            await RequireExistingAsync(arm, zoneId, "Give the id of an existing zone, or leave -PrivateDnsZoneId out to create one.", cancellationToken).ConfigureAwait(false);
            return new PrivateDnsZoneTarget(zoneId, managedByPlan: false, exists: true);
        }

        if (zoneResourceGroupName is not null)
        {
            NameRules.ValidateResourceGroupName(zoneResourceGroupName, "PrivateDnsZoneResourceGroupName");
            var zoneId = ResourceId.ForResource(context.SubscriptionId, zoneResourceGroupName, ResourceIdRules.PrivateDnsZoneType, zoneName);
            await RequireExistingAsync(arm, zoneId, $"Give the resource group that holds it (in subscription {context.SubscriptionId}; -PrivateDnsZoneId names a zone in another), or leave -PrivateDnsZoneResourceGroupName out to create the zone in '{defaultResourceGroupId.ResourceGroupName}'.", cancellationToken).ConfigureAwait(false);
            return new PrivateDnsZoneTarget(zoneId, managedByPlan: false, exists: true);
        }

        // A network the plan creates has no links yet, so only an existing one is looked up.
        if (network is { NetworkExists: true }
            && await LinkedZoneFinder.FindAsync(arm, context.SubscriptionId, zoneName, network.VirtualNetworkId, notices, cancellationToken).ConfigureAwait(false) is { } linked)
        {
            return new PrivateDnsZoneTarget(linked.ZoneId, managedByPlan: false, exists: true) { AlreadyLinkedBy = linked.Link };
        }

        var defaultZoneId = ResourceId.ForResource(defaultResourceGroupId.SubscriptionId, defaultResourceGroupId.ResourceGroupName!, ResourceIdRules.PrivateDnsZoneType, zoneName);
        var existing = await arm.GetAsync<PrivateDnsZone>(defaultZoneId, cancellationToken).ConfigureAwait(false);
        var state = existing?.Properties?.ProvisioningState;
        return new PrivateDnsZoneTarget(defaultZoneId, managedByPlan: true, exists: existing is not null)
        {
            FailedState = FailedProvisioning.IsFailed(state) ? state : null,
        };
    }

    private static async Task RequireExistingAsync(IArmGateway arm, ResourceId zoneId, string advice, CancellationToken cancellationToken)
    {
        if (await arm.GetAsync<PrivateDnsZone>(zoneId, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.PrivateDnsZoneNotFound, RedisPrivateLinkErrorCategory.ObjectNotFound,
                $"Private DNS zone '{zoneId.Name}' does not exist in resource group '{zoneId.ResourceGroupName}' of subscription {zoneId.SubscriptionId}. {advice}",
                zoneId.ToString());
        }
    }
}

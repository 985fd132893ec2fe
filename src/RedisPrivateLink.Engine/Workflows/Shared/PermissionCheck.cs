using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Arm.Models;
using RedisPrivateLink.Engine.Diagnostics;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Before a plan's first write: reads the credential's effective permissions
/// (<c>GET {scope}/providers/Microsoft.Authorization/permissions</c>) once per resource group the plan touches (the
/// subscription for subscription actions and for a group the plan creates), evaluates each step's actions as Azure does,
/// and refuses with <see cref="WorkflowErrorIds.InsufficientPermissions"/> naming what is missing. An action the group
/// does not grant is looked up once more at its own scope, where a role assigned on the resource itself (a subnet, a
/// zone) may grant it. Permissions that cannot be read (403, an outage) do not block: ARM's own answer to the write
/// then speaks. One instance serves a whole invocation, so a fleet of caches in one group costs one read.
/// </summary>
public sealed class PermissionCheck
{
    public const string ApiVersion = "2022-04-01";

    private readonly ConcurrentDictionary<string, Lazy<Task<ScopePermissions>>> _byScope = new(StringComparer.OrdinalIgnoreCase);

    public PermissionCheck(IArmGateway arm)
    {
        Arm = arm ?? throw new ArgumentNullException(nameof(arm));
    }

    public IArmGateway Arm { get; }

    /// <summary>The distinct permissions the steps declare, in step order.</summary>
    public static IReadOnlyList<ArmPermission> Needed(IEnumerable<PlanStep> steps) =>
        (steps ?? throw new ArgumentNullException(nameof(steps))).SelectMany(step => step.Permissions).Distinct().ToList();

    /// <summary>Throws <see cref="RedisPrivateLinkException"/> (InsufficientPermissions) when the credential lacks any of the steps' permissions.</summary>
    public async Task RequireAsync(IEnumerable<PlanStep> steps, CancellationToken cancellationToken)
    {
        var missing = new List<ArmPermission>();
        foreach (var permission in Needed(steps))
        {
            if (await IsMissingAsync(permission, cancellationToken).ConfigureAwait(false))
            {
                missing.Add(permission);
            }
        }

        if (missing.Count > 0)
        {
            throw new RedisPrivateLinkException(WorkflowErrorIds.InsufficientPermissions, RedisPrivateLinkErrorCategory.PermissionDenied,
                "The credential lacks permissions this command needs, so nothing was changed: " +
                string.Join("; ", missing.Select(p => $"'{p.Action}' on '{p.Scope}' (built-in role '{BuiltInRoles.NarrowestGranting(p.Action)}' grants it)")) +
                ". Ask an owner of those scopes to assign those roles to the identity (or a custom role with those actions), then run the command again.",
                missing[0].Scope);
        }
    }

    private async Task<bool> IsMissingAsync(ArmPermission permission, CancellationToken cancellationToken)
    {
        var scope = ResourceId.Parse(permission.Scope);
        var group = scope.ResourceGroupName is null ? ResourceId.ForSubscription(scope.SubscriptionId) : ResourceId.ForResourceGroup(scope.SubscriptionId, scope.ResourceGroupName);
        var granted = await ReadAsync(group, cancellationToken).ConfigureAwait(false);
        if (granted.Kind == ReadKind.NotFound)
        {
            // A group the plan creates: only what is assigned on the subscription applies to it.
            granted = await ReadAsync(ResourceId.ForSubscription(scope.SubscriptionId), cancellationToken).ConfigureAwait(false);
        }

        if (granted.Kind == ReadKind.Unavailable || ArmPermissionRules.Allows(granted.Blocks, permission.Action))
        {
            return false;
        }

        if (scope == group || scope.ProviderNamespace is null)
        {
            return true;
        }

        var atResource = await ReadAsync(scope, cancellationToken).ConfigureAwait(false);
        return atResource.Kind switch
        {
            ReadKind.Read => !ArmPermissionRules.Allows(atResource.Blocks, permission.Action),
            ReadKind.NotFound => true,
            _ => false,
        };
    }

    private Task<ScopePermissions> ReadAsync(ResourceId scope, CancellationToken cancellationToken) =>
        _byScope.GetOrAdd(scope.ToString(), key => new Lazy<Task<ScopePermissions>>(() => FetchAsync(key, cancellationToken))).Value;

    private async Task<ScopePermissions> FetchAsync(string scope, CancellationToken cancellationToken)
    {
        var request = new ArmRequest(RequestMethod.Get, scope + "/providers/Microsoft.Authorization/permissions") { ApiVersion = ApiVersion };
        ArmResponse response;
        try
        {
            response = await Arm.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ArmException e)
        {
            return Unavailable(scope, e.Code ?? $"HTTP {e.Status}");
        }
        catch (RedisPrivateLinkException e) when (e.ErrorId is TransportFailures.ArmUnreachable or TransportFailures.ArmRequestTimedOut)
        {
            return Unavailable(scope, e.ErrorId);
        }

        if (response.IsSuccess)
        {
            return new ScopePermissions(ReadKind.Read, response.ReadAs<ArmPage<PermissionBlock>>()?.Value ?? new List<PermissionBlock>());
        }

        return response.Status == 404 ? new ScopePermissions(ReadKind.NotFound, new List<PermissionBlock>()) : Unavailable(scope, $"HTTP {response.Status}");
    }

    private static ScopePermissions Unavailable(string scope, string why)
    {
        OperationReporter.Current.Verbose($"The permissions at '{scope}' could not be read ({why}): not checked before the first write; Azure refuses any write the credential may not make, naming the action.");
        return new ScopePermissions(ReadKind.Unavailable, new List<PermissionBlock>());
    }

    private enum ReadKind
    {
        Read,
        NotFound,
        Unavailable,
    }

    private sealed class ScopePermissions
    {
        public ScopePermissions(ReadKind kind, IList<PermissionBlock> blocks)
        {
            Kind = kind;
            Blocks = blocks;
        }

        public ReadKind Kind { get; }

        public IList<PermissionBlock> Blocks { get; }
    }
}

using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// The cache New-RedisPrivateCache asks for, validated, of either kind: how its name is checked, the step that
/// creates it, and how an existing cache differs from it. The rest of the plan (network, DNS, endpoint) is the same
/// for both kinds.
/// </summary>
internal interface ICacheDefinition
{
    CacheKind Kind { get; }

    /// <summary>Normalized region, e.g. eastus.</summary>
    string Location { get; }

    /// <summary>One line for -WhatIf; never a secret.</summary>
    string Summary { get; }

    /// <summary>
    /// The checks of this kind that need ARM reads, before any write: for a new cache, that no other cache holds the
    /// name, where the kind lets that be asked; and that what the cache would depend on is reachable.
    /// </summary>
    Task ValidateAgainstArmAsync(IArmGateway arm, ResourceId cacheId, bool exists, ICollection<string> notices, CancellationToken cancellationToken);

    /// <summary>How <paramref name="existing"/> differs from this definition, one phrase per setting.</summary>
    IReadOnlyList<string> DifferencesFrom(CacheState existing);

    /// <summary>The step that creates the cache, waits for it (unless -NoWait), or reuses it.</summary>
    PlanStep CreateStep(IArmGateway arm, ResourceId cacheId, bool exists, bool noWait, CacheReadiness readiness, IEnumerable<string> dependsOn, string? failedState);
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;
using RedisPrivateLink.Engine.Plans;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>A validated request turned into a plan that has not run yet.</summary>
public sealed class PreparedWorkflow
{
    internal PreparedWorkflow(Plan plan, ResourceId cacheId, IReadOnlyList<string> notices)
    {
        Plan = plan ?? throw new ArgumentNullException(nameof(plan));
        CacheId = cacheId ?? throw new ArgumentNullException(nameof(cacheId));
        Notices = notices ?? throw new ArgumentNullException(nameof(notices));
    }

    public Plan Plan { get; }

    /// <summary>The cache the plan creates or serves; the cmdlet reads it back for its output.</summary>
    public ResourceId CacheId { get; }

    /// <summary>What the user should know before the plan runs: reused resources that differ, settings about to change.</summary>
    public IReadOnlyList<string> Notices { get; }

    /// <summary>The cache as the workflow last read it after its plan ran, when it did (saves reading it back); else null.</summary>
    internal CacheState? SettledCache { get; set; }

    /// <summary>
    /// The cache the workflow served, in detail, for the cmdlet's output: from the state the workflow last read of it
    /// when it kept one (saving a read of the cache), else read now; null when the cache doesn't exist.
    /// </summary>
    public async Task<RedisPrivateCache?> ReadCacheAsync(CacheReader reader, CancellationToken cancellationToken = default)
    {
        if (reader is null)
        {
            throw new ArgumentNullException(nameof(reader));
        }

        return SettledCache is { } settled
            ? await reader.InDetailAsync(settled, cancellationToken).ConfigureAwait(false)
            : await reader.GetAsync(CacheId, cancellationToken).ConfigureAwait(false);
    }
}

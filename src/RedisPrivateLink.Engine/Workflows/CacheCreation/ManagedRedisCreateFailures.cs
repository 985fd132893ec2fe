using System;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;

namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// An Azure Managed Redis create that Azure accepted, gave a host name, and then could not finish: its operation ends
/// Failed with InsufficientCapacity or AllocationFailed, or with no error at all (Azure/azure-sdk-for-net#30766), and the
/// cluster stays in resourceState CreateFailed (langchain-ai/terraform#258: "Azure assigns the hostname before it tries to
/// allocate capacity"). Sending the same PUT again does not help: the region has no room for that SKU now, and a
/// CreateFailed cluster is replaced, not repaired (the same issue replaced it), so the advice is to delete it and try
/// another region or SKU.
/// </summary>
internal static class ManagedRedisCreateFailures
{
    /// <summary>The resourceState a cluster keeps after its create failed.</summary>
    public const string CreateFailedState = "CreateFailed";

    /// <summary>The operation error codes that say the region had no room for the cluster.</summary>
    public static bool IsCapacityError(ArmException e) =>
        string.Equals(e.Code, "InsufficientCapacity", StringComparison.OrdinalIgnoreCase)
        || string.Equals(e.Code, "AllocationFailed", StringComparison.OrdinalIgnoreCase);

    public static bool IsCreateFailed(CacheState cache) =>
        cache.Kind == CacheKind.ManagedRedis && string.Equals(cache.ResourceState, CreateFailedState, StringComparison.OrdinalIgnoreCase);

    /// <summary>ManagedRedisCapacityUnavailable: the create's operation said the region had no capacity.</summary>
    public static RedisPrivateLinkException CapacityUnavailable(ResourceId cacheId, string sku, string location, ArmException e) =>
        new(WorkflowErrorIds.ManagedRedisCapacityUnavailable, RedisPrivateLinkErrorCategory.ResourceUnavailable,
            $"Azure has no capacity for Managed Redis cache '{cacheId.Name}' ({sku}) in {location}: its create ended Failed with {e.Code} ({e.ArmMessage?.Trim() ?? "no message"}). "
            + $"Running the same command again does not help while the region has no room for that SKU. {DeleteAdvice(cacheId)} Then create it in another region (-Location) or with another SKU (-Sku).",
            cacheId.ToString(), e);

    /// <summary>ManagedRedisCreateFailed: a cluster in CreateFailed, found by a re-run or left by a create that failed without a capacity error.</summary>
    public static RedisPrivateLinkException CreateFailed(CacheState cache, Exception? innerException = null) =>
        new(WorkflowErrorIds.ManagedRedisCreateFailed, RedisPrivateLinkErrorCategory.ResourceUnavailable,
            $"Managed Redis cache '{cache.Id.Name}' in {cache.Location ?? "its region"} is in resource state {CreateFailedState}: its create failed{(innerException is ArmException e ? $" ({e.Code}: {e.ArmMessage?.Trim() ?? "no error given"})" : string.Empty)}, and a cluster in {CreateFailedState} is not repaired by sending it again. "
            + $"{DeleteAdvice(cache.Id)} Then run the command again; if the create fails again, choose another region (-Location) or SKU (-Sku): Azure most often fails a create it accepted for lack of capacity.",
            cache.Id.ToString(), innerException);

    private static string DeleteAdvice(ResourceId cacheId) =>
        $"Azure keeps the failed cluster, with its name, until it is deleted: Remove-AzRedisEnterpriseCache -ResourceGroupName '{cacheId.ResourceGroupName}' -Name '{cacheId.Name}', or DELETE {cacheId}?api-version={ApiVersions.RedisEnterprise} on Resource Manager.";
}

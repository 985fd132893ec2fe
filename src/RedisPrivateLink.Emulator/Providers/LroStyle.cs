namespace RedisPrivateLink.Emulator.Providers;

/// <summary>How a provider answers a write it finishes later, as recorded from Azure (see shared/recordings).</summary>
internal enum LroStyle
{
    /// <summary>Done before answering: 200/201 with the final body.</summary>
    Synchronous,

    /// <summary>Microsoft.Cache: 201 Creating / 202 Updating with the old body; asyncOperations bodies full of nulls; no Retry-After.</summary>
    Redis,

    /// <summary>Microsoft.Network: 201/200 with provisioningState Updating, Azure-AsyncOperation under locations/{loc}/operations, Retry-After.</summary>
    Network,

    /// <summary>
    /// Microsoft.Cache/redisEnterprise (Azure Managed Redis, 2025-07-01): PUT 201/200 with the body and Azure-AsyncOperation
    /// (final state on the original URI); PATCH/DELETE 202 with both headers; polls under locations/{loc}/operationsStatus
    /// answer {id,name,status,startTime,endTime[,error]}.
    /// </summary>
    ManagedRedis,

    /// <summary>Private DNS zones and links: 202 with "{}", privateDnsOperationStatuses answering 202 while running.</summary>
    PrivateDns,
}

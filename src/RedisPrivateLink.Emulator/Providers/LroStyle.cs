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

    /// <summary>Private DNS zones and links: 202 with "{}", privateDnsOperationStatuses answering 202 while running.</summary>
    PrivateDns,
}

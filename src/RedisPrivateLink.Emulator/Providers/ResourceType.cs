namespace RedisPrivateLink.Emulator.Providers;

/// <summary>One row of the catalog: what the emulator knows about a resource type.</summary>
/// <param name="Key">The type as requests spell it, namespace first: Microsoft.Network/virtualNetworks/subnets.</param>
/// <param name="ResponseType">The type as responses spell it (Microsoft.Cache/Redis).</param>
/// <param name="Create">Azure's pace for a create, before the time scale.</param>
/// <param name="ListableBySubscription">ARM has GET /subscriptions/{s}/providers/{Key} for it.</param>
internal sealed record ResourceType(
    string Key,
    string ResponseType,
    LroStyle Style,
    TimeSpan Create,
    TimeSpan Update,
    TimeSpan Delete,
    bool ListableBySubscription,
    IReadOnlyList<string> ApiVersions,
    ResourceProvider Provider)
{
    public string Namespace => Key[..Key.IndexOf('/')];

    /// <summary>The last type segment as it appears in a response id: Redis, virtualNetworks, subnets, A.</summary>
    public string ResponseTypeSegment => ResponseType[(ResponseType.LastIndexOf('/') + 1)..];

    /// <summary>The last type segment as a child's id spells it (patchSchedules, where the response type says PatchSchedules).</summary>
    public string IdSegment => Key[(Key.LastIndexOf('/') + 1)..];

    public bool IsChild => Key.Count(c => c == '/') > 1;
}

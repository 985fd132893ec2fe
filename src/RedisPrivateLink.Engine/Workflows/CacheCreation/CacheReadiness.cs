namespace RedisPrivateLink.Engine.Workflows;

/// <summary>
/// Whether the cache is ready for a private endpoint, handed from the cache step to the endpoint and zone group steps:
/// Azure's Redis provider refuses endpoints on a cache that is still being created, so with -NoWait they are skipped.
/// </summary>
internal sealed class CacheReadiness
{
    public const string NotReadyMessage =
        "the cache is still being created: run the same command again when it is ready, or Add-RedisPrivateEndpoint";

    private volatile bool _isReady;

    public CacheReadiness(bool isReady) => _isReady = isReady;

    public bool IsReady
    {
        get => _isReady;
        set => _isReady = value;
    }
}

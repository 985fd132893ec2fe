namespace RedisPrivateLink.Emulator.Store;

/// <summary>What a cache export or import moves once its operation succeeds: cache data, as a fingerprint.</summary>
/// <param name="WritesBlob">The blob an export writes (its URL without the SAS).</param>
/// <param name="Fingerprint">The data the blob receives, or the cache receives on import.</param>
/// <param name="ImportsData">An import: the operation's cache receives the fingerprint.</param>
internal sealed record DataTransfer(string? WritesBlob, string? Fingerprint, bool ImportsData)
{
    public static DataTransfer Export(string blob, string? fingerprint) => new(blob, fingerprint, ImportsData: false);

    public static DataTransfer Import(string? fingerprint) => new(null, fingerprint, ImportsData: true);
}

using System.Threading;
using RedisPrivateLink.Engine.Context;

namespace RedisPrivateLink.Runtime;

/// <summary>
/// The session's default context. Process-wide, as Az keeps its own, so runspaces of ForEach-Object -Parallel and
/// thread jobs see the context the script connected with.
/// </summary>
internal static class SessionContext
{
    private static RedisPrivateLinkContext? _current;

    public static RedisPrivateLinkContext? Current => Volatile.Read(ref _current);

    /// <summary>Makes <paramref name="context"/> the default and returns the one it replaced.</summary>
    public static RedisPrivateLinkContext? Replace(RedisPrivateLinkContext context) =>
        Interlocked.Exchange(ref _current, context);

    /// <summary>Clears the default if it is still <paramref name="expected"/>; a newer Connect wins.</summary>
    public static bool ClearIf(RedisPrivateLinkContext expected) =>
        ReferenceEquals(Interlocked.CompareExchange(ref _current, null, expected), expected);
}

using System.Security;
using System.Threading;
using System.Threading.Tasks;
using RedisPrivateLink.Engine.Arm;
using RedisPrivateLink.Engine.Caches;

namespace RedisPrivateLink.Engine.Connectivity;

/// <summary>Reads a cache's access key through ARM (POST listKeys, a Managed Redis cache's on its database) straight into a SecureString, for AUTH only.</summary>
public static class AccessKeyReader
{
    private const string AccessKeysUnavailable = nameof(AccessKeysUnavailable);

    /// <exception cref="RedisPrivateLinkException">AccessKeysUnavailable: the cache answered no key (access keys disabled).</exception>
    public static async Task<SecureString> ReadPrimaryKeyAsync(IArmGateway arm, ResourceId cacheId, CancellationToken cancellationToken)
    {
        var kind = CacheKind.Of(cacheId);
        ArmResponse response;
        try
        {
            response = await arm.PostActionAsync(kind.ListKeysPath(cacheId), null, waitForCompletion: false, cancellationToken).ConfigureAwait(false);
        }
        catch (ArmException e) when (e.Status == 400 && kind == CacheKind.ManagedRedis)
        {
            // A Managed Redis database refuses listKeys while access keys are disabled, its default.
            throw new RedisPrivateLinkException(AccessKeysUnavailable, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"{kind.DisplayName} cache '{cacheId.Name}' refused to list its access keys ({e.ArmMessage ?? e.Code}): access-key authentication is disabled on its database. Test with -UseEntraToken, or give a key with -AccessKey.",
                cacheId.ToString());
        }

        var key = response.ReadAs<RedisAccessKeys>()?.PrimaryKey;
        if (string.IsNullOrEmpty(key))
        {
            throw new RedisPrivateLinkException(AccessKeysUnavailable, RedisPrivateLinkErrorCategory.InvalidOperation,
                $"Cache '{cacheId.Name}' returned no access key: access-key authentication may be disabled on it. Give a key with -AccessKey, or test without -UseAccessKey.",
                cacheId.ToString());
        }

        var secure = new SecureString();
        foreach (var character in key!)
        {
            secure.AppendChar(character);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
